// Observability of one operation call: an `onEvent` per HTTP request sent (each retry and each redirect hop), and,
// when `@opentelemetry/api` is installed, one client span per call with an event per request. It wraps the
// transport from outside, observing each request through the `fetch` it is given, so the retry loop and the
// redirect handling know nothing of it. With no `onEvent` and no span being recorded, the transport runs unwrapped.

import { emitEvent, redactUrl, type EventListener, type HttpAttemptEvent } from "../observability/events.js";
import { loadOpenTelemetry, noSpan, startSpanNow, type SpanHandle } from "../observability/tracing.js";
import type { Redactor } from "./redaction.js";

/** Who is calling what, and where to report it. */
export interface OperationObservation {
  provider: string | undefined;
  operation: string | undefined;
  onEvent: EventListener<HttpAttemptEvent> | undefined;
  /** Scrubs credentials from the URLs reported. */
  redactor: Redactor;
}

/** The part of the transport's settings that sends one request. */
interface SendsRequests {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
}

/** Runs `send` (the transport, given `settings`), observing each request it makes and the call as a whole. */
export function observeOperation<Settings extends SendsRequests, Received extends { status: number }>(
  request: { method: string; url: string },
  settings: Settings,
  observation: OperationObservation,
  send: (settings: Settings) => Promise<Received>,
): Promise<Received> {
  const { provider, operation, redactor } = observation;
  const span = startSpanNow(`${provider ?? "http"} ${operation ?? request.method}`, () => ({
    "http.request.method": request.method,
    "url.full": redactUrl(request.url, redactor),
    "unitask.provider": provider,
    "unitask.operation": operation,
  }));
  // The first call of the process waits for the lazy import of the OpenTelemetry API to settle.
  if (span === undefined) return loadOpenTelemetry().then(() => observeOperation(request, settings, observation, send));
  if (span === noSpan && observation.onEvent === undefined) return send(settings);
  return observed(settings, observation, send, span);
}

async function observed<Settings extends SendsRequests, Received extends { status: number }>(
  settings: Settings,
  { provider, operation, onEvent, redactor }: OperationObservation,
  send: (settings: Settings) => Promise<Received>,
  span: SpanHandle,
): Promise<Received> {
  let attempt = 0;
  const observedSettings: Settings = {
    ...settings,
    fetch: async (url, init) => {
      attempt += 1;
      const started = performance.now();
      const report = (status: number | undefined, error?: unknown) => {
        if (onEvent !== undefined) {
          const event: HttpAttemptEvent = {
            kind: "http-attempt",
            provider,
            operation,
            attempt,
            status,
            durationMs: performance.now() - started,
            url: redactUrl(url, redactor),
          };
          if (error !== undefined) event.error = redactor.foreignError(error);
          emitEvent(onEvent, event);
        }
        span.addEvent("http.attempt", {
          attempt,
          "http.response.status_code": status,
          "error.type": error === undefined ? undefined : error instanceof Error ? error.name : typeof error,
        });
      };
      try {
        const response = await settings.fetch(url, init);
        report(response.status);
        return response;
      } catch (error) {
        report(undefined, error);
        throw error;
      }
    },
  };
  try {
    const received = await send(observedSettings);
    span.setAttributes({ "http.response.status_code": received.status, "unitask.attempts": attempt });
    if (received.status >= 500) span.fail(new Error(`HTTP ${received.status}`));
    return received;
  } catch (error) {
    span.setAttributes({ "unitask.attempts": attempt });
    span.fail(error);
    throw error;
  } finally {
    span.end();
  }
}
