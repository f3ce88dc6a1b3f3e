// Copied by unitask from runtime/src/http/resilient-fetch.ts. Do not edit: change runtime/src/, then run npm run generate.
// The transport under every call: each attempt follows redirects (credentials only on the request's origin), reads
// the whole body up to the size cap (so a connection cut mid-body is a connection error, and a stalled body times
// out) and is bounded by a timeout; connection failures and retryable statuses are retried per the retry policy;
// the caller's AbortSignal stops everything at once. Every failure is a `UnitaskError`, foreign causes redacted.

import { sleep } from "../sleep.js";
import { startTimer } from "../timer.js";
import { joinDeadline, leaveDeadline } from "./deadlines.js";
import { ApiConnectionError, ApiTimeoutError, ApiUserAbortError, UnitaskError } from "./errors.js";
import { readBodyCapped } from "./read-body.js";
import type { Redactor } from "./redaction.js";
import { fetchFollowingRedirects, type OutgoingRequest, type RedirectSettings } from "./redirects.js";
import {
  backoffDelayMs,
  isIdempotentMethod,
  isRetryableStatus,
  maxRetryAfterMs,
  requestedRetryDelayMs,
} from "./retry-policy.js";

/** Everything the transport needs for one call: the client's settings with the call's overrides applied. */
export interface TransportSettings extends RedirectSettings {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Bound on each attempt, from sending the request to the last byte of the body; `Infinity` for none. */
  timeoutMs: number;
  /** Also retry POST and PATCH. */
  retryNonIdempotent: boolean;
  /** Cap on a response body, counted after decompression. */
  maxResponseBytes: number;
  /** Scrubs the causes of connection errors. */
  redactor: Redactor;
}

/** A complete response: status, headers and the whole (decoded) body. */
export interface ReceivedBytes {
  status: number;
  statusText: string;
  headers: Headers;
  body: Uint8Array<ArrayBuffer>;
}

/** Time and chance, injectable so that tests can observe the waits without waiting. */
export interface RetryEnvironment {
  /** Resolves after `ms`, rejects as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random(): number;
  now(): number;
}

/** The real clock, timers and `Math.random`. */
export const systemEnvironment: RetryEnvironment = {
  sleep,
  random: Math.random,
  now: Date.now,
};

const neverAborted = new AbortController().signal;
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

/**
 * Sends `request` until it gets a response that is final (a success, a status not worth retrying, or the last
 * attempt's), and resolves with it, body read. Rejects with `ApiUserAbortError` when `signal` aborts,
 * `ApiTimeoutError`, `ApiConnectionError`, `RedirectError` or `ResponseTooLargeError`.
 */
export async function sendWithRetries(
  request: OutgoingRequest,
  signal: AbortSignal | undefined,
  settings: TransportSettings,
  environment: RetryEnvironment = systemEnvironment,
): Promise<ReceivedBytes> {
  const { operationId } = settings;
  const mayRetry = settings.retryNonIdempotent || isIdempotentMethod(request.method);
  for (let retryIndex = 0; ; retryIndex++) {
    const retriesLeft = mayRetry && retryIndex < settings.maxRetries;
    let delayMs: number | undefined;
    try {
      const received = await attempt(request, signal, settings);
      if (!retriesLeft || !isRetryableStatus(received.status)) return received;
      const requestedMs = requestedRetryDelayMs(received.headers, environment.now());
      if (requestedMs !== undefined && requestedMs > maxRetryAfterMs) return received;
      delayMs = requestedMs ?? backoffDelayMs(retryIndex, environment.random());
    } catch (error) {
      // Only a failed connection may go better next time; a redirect loop or an oversized body will not.
      if (!retriesLeft || !(error instanceof ApiConnectionError)) throw error;
      delayMs = backoffDelayMs(retryIndex, environment.random());
    }
    try {
      await environment.sleep(delayMs, signal ?? neverAborted);
    } catch {
      throw new ApiUserAbortError({ operationId });
    }
  }
}

/**
 * `sendWithRetries` as the `fetch` of an openapi-fetch client: takes the `Request` it built (credentials not yet
 * on it) and answers with a `Response` whose body is already read.
 */
export async function fetchWithRetries(
  request: Request,
  settings: TransportSettings,
  environment: RetryEnvironment = systemEnvironment,
): Promise<Response> {
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const outgoing = { method: request.method, url: request.url, headers: request.headers, body };
  const received = await sendWithRetries(outgoing, request.signal, settings, environment);
  return new Response(nullBodyStatuses.has(received.status) ? null : received.body, {
    status: received.status,
    statusText: received.statusText,
    headers: received.headers,
  });
}

async function attempt(
  request: OutgoingRequest,
  signal: AbortSignal | undefined,
  settings: TransportSettings,
): Promise<ReceivedBytes> {
  const { operationId, timeoutMs } = settings;
  if (signal?.aborted) throw new ApiUserAbortError({ operationId });
  if (signal !== undefined) return attemptAbortable(request, signal, settings);
  if (timeoutMs === Infinity) {
    try {
      return await receive(request, settings, undefined);
    } catch (error) {
      throw asUnitaskError(error, settings);
    }
  }
  const deadline = joinDeadline(timeoutMs);
  try {
    // Raced too, so that a fetch that ignores its signal cannot outlive the timeout.
    return await Promise.race([receive(request, settings, deadline.signal), deadline.passed]);
  } catch (error) {
    if (deadline.signal.aborted) throw new ApiTimeoutError({ operationId, timeoutMs });
    throw asUnitaskError(error, settings);
  } finally {
    leaveDeadline(deadline);
  }
}

/** An attempt the caller's signal can stop: its own controller, aborted by that signal or by its own timer. */
async function attemptAbortable(
  request: OutgoingRequest,
  signal: AbortSignal,
  settings: TransportSettings,
): Promise<ReceivedBytes> {
  const { operationId, timeoutMs } = settings;
  const controller = new AbortController();
  let timedOut = false;
  let stop!: (reason: unknown) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => undefined);
  const abort = () => {
    controller.abort();
    stop(controller.signal.reason);
  };
  const cancelTimer = startTimer(() => {
    timedOut = true;
    abort();
  }, timeoutMs);
  signal.addEventListener("abort", abort, { once: true });
  try {
    return await Promise.race([receive(request, settings, controller.signal), stopped]);
  } catch (error) {
    if (signal.aborted) throw new ApiUserAbortError({ operationId });
    if (timedOut) throw new ApiTimeoutError({ operationId, timeoutMs });
    throw asUnitaskError(error, settings);
  } finally {
    cancelTimer();
    signal.removeEventListener("abort", abort);
  }
}

async function receive(
  request: OutgoingRequest,
  settings: TransportSettings,
  signal: AbortSignal | undefined,
): Promise<ReceivedBytes> {
  const response = await fetchFollowingRedirects(request, settings, signal);
  const body = await readBodyCapped(response, settings.maxResponseBytes, settings.operationId);
  return { status: response.status, statusText: response.statusText, headers: response.headers, body };
}

/** A failure that is not already a `UnitaskError`, as a connection error whose cause is redacted. */
function asUnitaskError(error: unknown, settings: TransportSettings): UnitaskError {
  if (error instanceof UnitaskError) return error;
  return new ApiConnectionError({ operationId: settings.operationId, cause: settings.redactor.foreignError(error) });
}
