// How long waitForTask waits before its next poll: capped exponential backoff with "equal jitter"
// (half the delay fixed, half random), so many waiters do not poll in step.

/** The delay before poll `poll + 1` (0-based), in milliseconds. */
export function pollDelayMs(
  poll: number,
  intervalMs: number,
  maxIntervalMs: number,
  random: () => number = Math.random,
): number {
  const capped = Math.min(maxIntervalMs, intervalMs * 2 ** Math.min(poll, 30));
  return capped / 2 + (random() * capped) / 2;
}
