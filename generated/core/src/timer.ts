// Copied by unitask from runtime/src/timer.ts. Do not edit: change runtime/src/, then run npm run generate.
// A timer for any delay: `Infinity` never fires, and delays past what `setTimeout` can hold (2^31−1 ms, about 24.8
// days; longer ones fire at once with a TimeoutOverflowWarning) are chained from shorter timers.

/** The longest delay one `setTimeout` honours. */
const maxTimerDelayMs = 2 ** 31 - 1;

/** Cancels a timer started by `startTimer`; calling it again, or after the timer fired, does nothing. */
export type CancelTimer = () => void;

/**
 * Calls `callback` once, after `ms` milliseconds. `Infinity` (or any delay no clock reaches) never calls it; a
 * negative delay fires as soon as possible. Throws a `RangeError` for `NaN`.
 */
export function startTimer(callback: () => void, ms: number): CancelTimer {
  if (Number.isNaN(ms)) throw new RangeError("a timer delay must be a number of milliseconds, not NaN");
  if (ms === Infinity) return () => undefined;
  const firesAt = performance.now() + ms;
  let timer: ReturnType<typeof setTimeout>;
  const arm = (remainingMs: number) => {
    timer = setTimeout(
      () => {
        const left = firesAt - performance.now();
        if (left > 0 && remainingMs > maxTimerDelayMs) arm(left);
        else callback();
      },
      Math.min(Math.max(remainingMs, 0), maxTimerDelayMs),
    );
  };
  arm(ms);
  return () => clearTimeout(timer);
}
