// Copied by unitask from runtime/src/observability/events.ts. Do not edit: change runtime/src/, then run npm run generate.
// What the runtime reports to an `onEvent` hook: one event per HTTP attempt and one per poll of a task. Events
// carry no request headers and no body, and their URL is redacted of credentials, so logging them is safe.

import type { Redactor } from "../http/redaction.js";

/** One HTTP attempt of an operation call (a retried call makes several). */
export interface HttpAttemptEvent {
  /** The discriminant. */
  kind: "http-attempt";
  /** The provider whose client made the call, e.g. `quant`; undefined for a client made without one. */
  provider: string | undefined;
  /** The operationId, e.g. `getTask`; undefined for a call made through the raw openapi-fetch client. */
  operation: string | undefined;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** The HTTP status received; undefined when no response came (connection error, timeout, abort). */
  status: number | undefined;
  /** From sending the request to its response headers, or to the failure. */
  durationMs: number;
  /** The request URL with credentials replaced by `[redacted]`. */
  url: string;
  /** Why no response came, when none did. */
  error?: unknown;
}

/** One poll of a task by `watchTask` (and so by `waitForTask`). */
export interface PollEvent {
  /** The discriminant. */
  kind: "poll";
  /** The TaskClient's provider. */
  provider: string;
  /** The TaskClient method polled: always `getTask`. */
  operation: "getTask";
  /** The id of the task polled. */
  taskId: string;
  /** 1 for the first poll, 2 for the second, … */
  attempt: number;
  /** The unified status the poll saw; undefined when the poll failed. */
  status: string | undefined;
  /** How long `getTask` took. */
  durationMs: number;
  /** Why the poll failed, when it did. */
  error?: unknown;
}

/** Everything an `onEvent` hook receives, discriminated by `kind`. */
export type UnitaskEvent = HttpAttemptEvent | PollEvent;

/** A hook that observes calls and polls; what it throws is ignored, so a faulty logger cannot break a call. */
export type EventListener<Event extends UnitaskEvent = UnitaskEvent> = (event: Event) => void;

/** Calls `listener` with `event`, swallowing what it throws. */
export function emitEvent<Event extends UnitaskEvent>(listener: EventListener<Event> | undefined, event: Event): void {
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // An observer must never change the outcome of the call it observes.
  }
}

/** The URL as it may be shown: user name and password removed, and every spelling of every secret replaced. */
export function redactUrl(url: string, redactor: Redactor): string {
  // Without an `@` there is no user info to remove, and no need to parse.
  if (!url.includes("@")) return redactor.text(url);
  try {
    const parsed = new URL(url);
    if (parsed.username === "" && parsed.password === "") return redactor.text(url);
    parsed.username = "";
    parsed.password = "";
    return redactor.text(parsed.href);
  } catch {
    // Not an absolute URL: only the secrets are replaced.
    return redactor.text(url);
  }
}
