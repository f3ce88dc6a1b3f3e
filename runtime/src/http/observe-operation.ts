// Observability of one operation call: an `onEvent` per HTTP attempt, and, when `@opentelemetry/api` is
// installed, one client span per call (all its attempts) with an event per attempt. It wraps the retrying fetch
// from outside, observing each attempt through the `fetch` it is given, so the retry loop knows nothing of it.

import { emitEvent, redactUrl, type EventListener, type HttpAttemptEvent } from "../observability/events.js";
import { startSpan } from "../observability/tracing.js";
import type { RetrySettings } from "./resilient-fetch.js";

/** Who is calling what, and where to report it. */
export interface OperationObservation {
  provider: string | undefined;
  operation: string | undefined;
  onEvent: EventListener<HttpAttemptEvent> | undefined;
  /** Credentials to redact from the URLs reported. */
  secrets: readonly string[];
}

/** Runs `send` (the retrying fetch) for `request`, observing each of its attempts and the call as a whole. */
export async function observeOperation(
  request: Request,
  settings: RetrySettings,
  observation: OperationObservation,
  send: (request: Request, settings: RetrySettings) => Promise<Response>,
): Promise<Response> {
  const { provider, operation, onEvent, secrets } = observation;
  const url = redactUrl(request.url, secrets);
  const span = await startSpan(`${provider ?? "http"} ${operation ?? request.method}`, {
    "http.request.method": request.method,
    "url.full": url,
    "unitask.provider": provider,
    "unitask.operation": operation,
  });
  let attempt = 0;
  const observed: RetrySettings = {
    ...settings,
    fetch: async (attemptRequest) => {
      attempt += 1;
      const started = performance.now();
      const report = (status: number | undefined, error?: unknown) => {
        const event: HttpAttemptEvent = {
          kind: "http-attempt",
          provider,
          operation,
          attempt,
          status,
          durationMs: performance.now() - started,
          url: redactUrl(attemptRequest.url, secrets),
        };
        if (error !== undefined) event.error = error;
        emitEvent(onEvent, event);
        span.addEvent("http.attempt", {
          attempt,
          "http.response.status_code": status,
          "error.type": error === undefined ? undefined : error instanceof Error ? error.name : typeof error,
        });
      };
      try {
        const response = await settings.fetch(attemptRequest);
        report(response.status);
        return response;
      } catch (error) {
        report(undefined, error);
        throw error;
      }
    },
  };
  try {
    const response = await send(request, observed);
    span.setAttributes({ "http.response.status_code": response.status, "unitask.attempts": attempt });
    if (response.status >= 500) span.fail(new Error(`HTTP ${response.status}`));
    return response;
  } catch (error) {
    span.setAttributes({ "unitask.attempts": attempt });
    span.fail(error);
    throw error;
  } finally {
    span.end();
  }
}
