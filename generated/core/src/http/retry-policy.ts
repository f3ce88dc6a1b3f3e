// Copied by unitask from runtime/src/http/retry-policy.ts. Do not edit: change runtime/src/, then run npm run generate.
// When to retry and how long to wait, as pure functions. The waits are openai-node's (`Retry-After` honoured,
// otherwise doubling from 0.5 s up to 8 s with up to 25 % jitter); the statuses are not quite: 408, 429 and 5xx
// are retried, but not 409 (openai-node retries its own lock timeouts; for a task API a conflict is about the
// task's state, which another attempt does not change), and no `x-should-retry` header is obeyed (a
// provider-specific override none of the specs unitask serves defines).

/** Retries after the first attempt unless the client or the call says otherwise. */
export const defaultMaxRetries = 2;
const initialRetryDelayMs = 500;
const maxRetryDelayMs = 8_000;
/** A server asking for a longer pause is not having a transient hiccup: the response is returned instead. */
export const maxRetryAfterMs = 60_000;

const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** 408, 429 and every 5xx: statuses that may go better on another attempt. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** POST and PATCH may have side effects that a retry would repeat. */
export function isIdempotentMethod(method: string): boolean {
  return idempotentMethods.has(method.toUpperCase());
}

/**
 * The wait the server asked for, from `retry-after-ms` (milliseconds) or `Retry-After` (seconds or an HTTP date);
 * `undefined` when neither header is present or readable.
 */
export function requestedRetryDelayMs(headers: Headers, nowMs: number): number | undefined {
  const milliseconds = parseNonNegativeNumber(headers.get("retry-after-ms"));
  if (milliseconds !== undefined) return milliseconds;
  const retryAfter = headers.get("retry-after");
  if (retryAfter === null) return undefined;
  const seconds = parseNonNegativeNumber(retryAfter);
  if (seconds !== undefined) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Exponential backoff for the retry numbered `retryIndex` (0 for the first retry); `random` is in [0, 1). */
export function backoffDelayMs(retryIndex: number, random: number): number {
  const delay = Math.min(initialRetryDelayMs * 2 ** retryIndex, maxRetryDelayMs);
  return delay * (1 - random * 0.25);
}

function parseNonNegativeNumber(text: string | null): number | undefined {
  if (text === null || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
