// The errors a generated client throws: one base class, HTTP errors keyed to their status (as openai-node does),
// plus transport failures and responses that break the spec. Errors never hold the request, its headers or the
// credentials, and `toJSON` lists only the safe fields, so logging an error cannot leak a secret.

/** Base of every error the runtime throws. */
export class UnitaskError extends Error {
  /** The `operationId` of the call that failed, when the call went through `callOperation`. */
  readonly operationId: string | undefined;

  constructor(message: string, options: { operationId?: string | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.operationId = options.operationId;
  }

  /** The safe fields, for loggers; values nested deeper than `maxJsonDepth` levels are cut, so it never throws. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, operationId: this.operationId };
  }
}

/** How deep `toJSON` copies a body: enough for any real error payload, far below what `JSON.stringify` can nest. */
const maxJsonDepth = 64;

/**
 * A copy of `value` for `toJSON`, cut at `maxJsonDepth` levels (deeper values become `"[truncated]"`), so that
 * `JSON.stringify(error)` never overflows the stack, whatever the server nested. `toJSON` methods inside are not
 * called: a body is data as parsed, and a `Headers` or other class instance is shown as its own fields.
 */
function boundedJson(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth >= maxJsonDepth) return "[truncated]";
  if (Array.isArray(value)) return value.map((item) => boundedJson(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = boundedJson(item, depth + 1);
  return copy;
}

/** What an `ApiError` is made of: the response as received (headers redacted) and the call it answered. */
export interface ApiErrorDetails<Status extends number, Body> {
  status: Status;
  headers: Headers;
  body: Body;
  /** The first characters of the body as received (at most 200), when there was a body. */
  excerpt?: string | undefined;
  requestId?: string | undefined;
  operationId?: string | undefined;
}

/** The server answered with a non-2xx status. `body` is the parsed JSON body, or `undefined` (see `excerpt`). */
export class ApiError<Status extends number = number, Body = unknown> extends UnitaskError {
  readonly status: Status;
  /** Response headers (never the request's). */
  readonly headers: Headers;
  readonly body: Body;
  readonly excerpt: string | undefined;
  /** From the `x-request-id` or `request-id` header, or a top-level `request_id` / `requestId` body field. */
  readonly requestId: string | undefined;

  constructor(details: ApiErrorDetails<Status, Body>) {
    const requestNote = details.requestId === undefined ? "" : ` (request id ${details.requestId})`;
    super(`${details.operationId ?? "request"} failed with HTTP ${details.status}${requestNote}`, {
      operationId: details.operationId,
    });
    this.status = details.status;
    this.headers = details.headers;
    this.body = details.body;
    this.excerpt = details.excerpt;
    this.requestId = details.requestId;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      requestId: this.requestId,
      body: boundedJson(this.body),
      excerpt: this.excerpt,
    };
  }
}

/** HTTP 400. */
export class BadRequestError<Body = unknown> extends ApiError<400, Body> {}
/** HTTP 401: the credentials are missing, wrong or expired. */
export class AuthenticationError<Body = unknown> extends ApiError<401, Body> {}
/** HTTP 403: the credentials do not allow this. */
export class PermissionDeniedError<Body = unknown> extends ApiError<403, Body> {}
/** HTTP 404. */
export class NotFoundError<Body = unknown> extends ApiError<404, Body> {}
/** HTTP 409. */
export class ConflictError<Body = unknown> extends ApiError<409, Body> {}
/** HTTP 422: the request was understood but its content refused. */
export class UnprocessableEntityError<Body = unknown> extends ApiError<422, Body> {}
/** HTTP 429: too many requests; retried per `Retry-After` before it is thrown. */
export class RateLimitError<Body = unknown> extends ApiError<429, Body> {}
/** Any HTTP 5xx, after the retries. */
export class InternalServerError<Body = unknown> extends ApiError<number, Body> {}

type ApiErrorClass = new (details: ApiErrorDetails<number, unknown>) => ApiError;

const errorClassByStatus: Readonly<Record<number, ApiErrorClass>> = {
  400: BadRequestError as ApiErrorClass,
  401: AuthenticationError as ApiErrorClass,
  403: PermissionDeniedError as ApiErrorClass,
  404: NotFoundError as ApiErrorClass,
  409: ConflictError as ApiErrorClass,
  422: UnprocessableEntityError as ApiErrorClass,
  429: RateLimitError as ApiErrorClass,
};

/** The `ApiError` subclass for a status: 404 gives a `NotFoundError`, any 5xx an `InternalServerError`. */
export function createApiError(details: ApiErrorDetails<number, unknown>): ApiError {
  const ErrorClass = errorClassByStatus[details.status] ?? (details.status >= 500 ? InternalServerError : ApiError);
  return new ErrorClass(details);
}

/** What an `InvalidResponseError` is made of. */
export interface InvalidResponseDetails {
  status: number;
  /** The `Content-Type` header as received, if any. */
  contentType: string | undefined;
  excerpt: string | undefined;
  operationId: string;
  requestId?: string | undefined;
  /** What does not match the spec, e.g. `the body is not valid JSON`. */
  reason: string;
}

/** The response does not match what the spec documents: HTML instead of JSON, truncated JSON, a missing body… */
export class InvalidResponseError extends UnitaskError {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly excerpt: string | undefined;
  readonly requestId: string | undefined;

  constructor(details: InvalidResponseDetails) {
    const received = `HTTP ${details.status}, ${details.contentType ?? "no content type"}`;
    super(`${details.operationId}: invalid response (${received}): ${details.reason}`, {
      operationId: details.operationId,
    });
    this.status = details.status;
    this.contentType = details.contentType;
    this.excerpt = details.excerpt;
    this.requestId = details.requestId;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      contentType: this.contentType,
      requestId: this.requestId,
      excerpt: this.excerpt,
    };
  }
}

/** The request never got a complete response: refused, reset, DNS failure, body cut short. `cause` says why. */
export class ApiConnectionError extends UnitaskError {
  constructor(options: { operationId?: string | undefined; cause?: unknown; message?: string } = {}) {
    super(options.message ?? `${options.operationId ?? "request"}: connection error`, options);
  }
}

/** An attempt took longer than `timeoutMs` (after any retries). */
export class ApiTimeoutError extends ApiConnectionError {
  readonly timeoutMs: number;

  constructor(options: { operationId?: string | undefined; timeoutMs: number }) {
    super({ ...options, message: `${options.operationId ?? "request"}: timed out after ${options.timeoutMs} ms` });
    this.timeoutMs = options.timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}

/** The caller's `AbortSignal` fired. */
export class ApiUserAbortError extends UnitaskError {
  constructor(options: { operationId?: string | undefined } = {}) {
    super(`${options.operationId ?? "request"}: aborted by the caller`, options);
  }
}

/**
 * A credential cannot be sent: it holds a character no HTTP header may carry (CR, LF, NUL, another control
 * character, or one outside Latin-1 where it goes into a header). Thrown when the client is created; the message
 * names the credential and the kind of character, never the value.
 */
export class InvalidCredentialError extends UnitaskError {
  /** Which credential, e.g. `the bearer token` or `the API key X-Api-Key`. */
  readonly credential: string;

  constructor(options: { credential: string; reason: string }) {
    super(`${options.credential} cannot be sent: ${options.reason}`);
    this.credential = options.credential;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), credential: this.credential };
  }
}

/**
 * A path parameter would send the request to another resource, or to none: missing (`undefined`, `null`), empty,
 * or `.`/`..`, which URL resolution removes along with the segment before it. Thrown before any request.
 */
export class PathParameterError extends UnitaskError {
  /** The parameter's name in the path template, e.g. `task_id`. */
  readonly parameter: string;

  constructor(options: { operationId?: string | undefined; parameter: string; reason: string }) {
    super(`${options.operationId ?? "request"}: path parameter "${options.parameter}" ${options.reason}`, options);
    this.parameter = options.parameter;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), parameter: this.parameter };
  }
}

/** The response body grew past `maxResponseBytes` (counted after decompression); reading stopped there. */
export class ResponseTooLargeError extends UnitaskError {
  readonly status: number;
  readonly maxResponseBytes: number;

  constructor(options: { operationId?: string | undefined; status: number; maxResponseBytes: number }) {
    super(
      `${options.operationId ?? "request"}: the HTTP ${options.status} response body is larger than ${options.maxResponseBytes} bytes (maxResponseBytes)`,
      options,
    );
    this.status = options.status;
    this.maxResponseBytes = options.maxResponseBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, maxResponseBytes: this.maxResponseBytes };
  }
}

/** A redirect the client will not follow: past `maxRedirects`, to a scheme other than http(s), or unreadable. */
export class RedirectError extends UnitaskError {
  /** The status of the redirect response that was not followed. */
  readonly status: number;

  constructor(options: { operationId?: string | undefined; status: number; reason: string }) {
    super(
      `${options.operationId ?? "request"}: HTTP ${options.status} redirect not followed: ${options.reason}`,
      options,
    );
    this.status = options.status;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status };
  }
}
