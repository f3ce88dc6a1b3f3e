// The fetch that openapi-fetch clients are given: every attempt is bounded by a timeout and reads the whole body
// (so a connection cut mid-body is a connection error, and a stalled body times out), retryable failures are
// retried per the retry policy, and the caller's AbortSignal (the request's own signal) stops everything at once.

import { ApiConnectionError, ApiTimeoutError, ApiUserAbortError, UnitaskError } from "./errors.js";
import { sleep } from "../sleep.js";
import {
  backoffDelayMs,
  isIdempotentMethod,
  isRetryableStatus,
  maxRetryAfterMs,
  requestedRetryDelayMs,
} from "./retry-policy.js";

export interface RetrySettings {
  fetch: (request: Request) => Promise<Response>;
  maxRetries: number;
  /** Bound on each attempt, from sending the request to the last byte of the body. */
  timeoutMs: number;
  retryNonIdempotent: boolean;
  operationId?: string | undefined;
}

/** Time and chance, injectable so that tests can observe the waits without waiting. */
export interface RetryEnvironment {
  /** Resolves after `ms`, rejects as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  now(): number;
}

export const systemEnvironment: RetryEnvironment = {
  sleep,
  random: Math.random,
  now: Date.now,
};

const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

export async function fetchWithRetries(
  request: Request,
  settings: RetrySettings,
  environment: RetryEnvironment = systemEnvironment,
): Promise<Response> {
  const { operationId } = settings;
  const mayRetry = settings.retryNonIdempotent || isIdempotentMethod(request.method);
  for (let retryIndex = 0; ; retryIndex++) {
    const retriesLeft = mayRetry && retryIndex < settings.maxRetries;
    let delayMs: number | undefined;
    try {
      // A clone per attempt keeps the original body readable for the next one.
      const response = await attempt(request.clone(), settings);
      if (!retriesLeft || !isRetryableStatus(response.status)) return response;
      const requestedMs = requestedRetryDelayMs(response.headers, environment.now());
      if (requestedMs !== undefined && requestedMs > maxRetryAfterMs) return response;
      delayMs = requestedMs ?? backoffDelayMs(retryIndex, environment.random());
    } catch (error) {
      if (!retriesLeft || error instanceof ApiUserAbortError) throw error;
      delayMs = backoffDelayMs(retryIndex, environment.random());
    }
    try {
      await environment.sleep(delayMs, request.signal);
    } catch {
      throw new ApiUserAbortError({ operationId });
    }
  }
}

async function attempt(request: Request, settings: RetrySettings): Promise<Response> {
  const { operationId, timeoutMs } = settings;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout.signal]);
  // Race the abort too, so that a fetch that ignores its signal cannot outlive the timeout.
  const aborted = new Promise<never>((_, reject) => signal.addEventListener("abort", reject, { once: true }));
  aborted.catch(() => undefined);
  try {
    const response = await Promise.race([settings.fetch(new Request(request, { signal })), aborted]);
    const body = nullBodyStatuses.has(response.status) ? null : await Promise.race([response.arrayBuffer(), aborted]);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    if (request.signal.aborted) throw new ApiUserAbortError({ operationId });
    if (timeout.signal.aborted) throw new ApiTimeoutError({ operationId, timeoutMs });
    if (error instanceof UnitaskError) throw error;
    throw new ApiConnectionError({ operationId, cause: error });
  } finally {
    clearTimeout(timer);
  }
}
