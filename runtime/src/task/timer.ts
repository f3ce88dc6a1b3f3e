// Timers for waits of any length. setTimeout fires at once (with a warning) for delays over 2^31 − 1 ms, so a
// longer wait is a chain of timers; Infinity never fires.

/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onFire` once `ms` milliseconds have passed, however large `ms` is; never when it is Infinity.
 * Returns the function that cancels it.
 */
export function startTimer(ms: number, onFire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (remaining: number) => {
    if (remaining === Number.POSITIVE_INFINITY) return;
    if (remaining > MAX_TIMER_MS) timer = setTimeout(() => arm(remaining - MAX_TIMER_MS), MAX_TIMER_MS);
    else timer = setTimeout(onFire, Math.max(0, remaining));
  };
  arm(ms);
  return () => clearTimeout(timer);
}

/** Resolves after `ms` (see startTimer), or rejects with the signal's reason as soon as it aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    const cancel = startTimer(ms, () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
