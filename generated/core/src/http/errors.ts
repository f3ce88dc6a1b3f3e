// Copied by unitask from runtime/src/http/errors.ts. Do not edit: change runtime/src/, then run npm run generate.
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

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, operationId: this.operationId };
  }
}

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
      body: this.body,
      excerpt: this.excerpt,
    };
  }
}

export class BadRequestError<Body = unknown> extends ApiError<400, Body> {}
export class AuthenticationError<Body = unknown> extends ApiError<401, Body> {}
export class PermissionDeniedError<Body = unknown> extends ApiError<403, Body> {}
export class NotFoundError<Body = unknown> extends ApiError<404, Body> {}
export class ConflictError<Body = unknown> extends ApiError<409, Body> {}
export class UnprocessableEntityError<Body = unknown> extends ApiError<422, Body> {}
export class RateLimitError<Body = unknown> extends ApiError<429, Body> {}
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
