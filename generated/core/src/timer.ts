// Copied by unitask from runtime/src/timer.ts. Do not edit: change runtime/src/, then run npm run generate.
// A timer for any delay: `Infinity` never fires, and delays past what `setTimeout` can hold (2^31−1 ms, about 24.8
// days; longer ones fire at once with a TimeoutOverflowWarning) are chained from shorter timers.

/** The longest delay one `setTimeout` honours. */
const maxTimerDelayMs = 2 ** 31 - 1;

/** Cancels a timer started by `startTimer`; calling it again, or after the timer fired, does nothing. */
export type CancelTimer = () => void;

/** A timer started by `createTimer`. */
export interface Timer {
  /** Stops it; calling it again, or after it fired, does nothing. */
  cancel: CancelTimer;
  /** Whether it keeps the process alive until it fires (it does from the start). */
  keepAlive(keep: boolean): void;
}

/**
 * Calls `callback` once, after `ms` milliseconds. `Infinity` (or any delay no clock reaches) never calls it; a
 * negative delay fires as soon as possible. Throws a `RangeError` for `NaN`.
 */
export function startTimer(callback: () => void, ms: number): CancelTimer {
  return createTimer(callback, ms).cancel;
}

/** `startTimer`, with a say in whether the timer keeps the process alive. */
export function createTimer(callback: () => void, ms: number): Timer {
  if (Number.isNaN(ms)) throw new RangeError("a timer delay must be a number of milliseconds, not NaN");
  if (ms === Infinity) return { cancel: () => undefined, keepAlive: () => undefined };
  const firesAt = performance.now() + ms;
  let kept = true;
  let timer: ReturnType<typeof setTimeout>;
  const hold = () => {
    // `ref` and `unref` are Node's; elsewhere a timer is a number that keeps nothing alive.
    const handle = timer as unknown as { ref?(): unknown; unref?(): unknown };
    if (kept) handle.ref?.();
    else handle.unref?.();
  };
  const arm = (remainingMs: number) => {
    timer = setTimeout(
      () => {
        const left = firesAt - performance.now();
        if (left > 0 && remainingMs > maxTimerDelayMs) arm(left);
        else callback();
      },
      Math.min(Math.max(remainingMs, 0), maxTimerDelayMs),
    );
    if (!kept) hold();
  };
  arm(ms);
  return {
    cancel: () => clearTimeout(timer),
    keepAlive: (keep) => {
      kept = keep;
      hold();
    },
  };
}
