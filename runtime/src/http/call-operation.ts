// One documented operation, called through an openapi-fetch client: parameters are serialized and encoded by
// openapi-fetch, middleware runs, then the response is checked against the spec and decoded, or thrown as an error.

import type { Client } from "openapi-fetch";
import { apiErrorFor, decodeSuccess, type ReceivedResponse } from "./decode-response.js";
import { ApiConnectionError, ApiError, ApiUserAbortError, UnitaskError } from "./errors.js";
import { observationOf, registrationOf, retrySettings } from "./http-client.js";
import { documentedMediaTypes } from "./media-types.js";
import { observeOperation } from "./observe-operation.js";
import { fetchWithRetries } from "./resilient-fetch.js";

/** What the generator emits for each operation. */
export interface OperationSpec {
  operationId: string;
  method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  /** The path template, e.g. `/tasks/{task_id}`. */
  path: string;
  /** Status code (or "2XX", "default") → the documented media types; [] = documented without a body. */
  responses: Readonly<Record<string, readonly string[]>>;
  /** The Accept header sent unless the call sets its own: the success media types the client decodes. */
  accept?: string;
}

export interface OperationParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/** Per-call options; `timeoutMs` and `maxRetries` override the client's. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  headers?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** The part of openapi-fetch's client this module uses, without the per-path typing that `spec` replaces. */
interface UntypedClient {
  request(method: string, path: string, init: Record<string, unknown>): Promise<OpenapiFetchResult>;
}

interface OpenapiFetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function withDefaultAccept(
  headers: Record<string, string> | undefined,
  accept: string | undefined,
): Record<string, string> | undefined {
  if (accept === undefined || Object.keys(headers ?? {}).some((name) => name.toLowerCase() === "accept"))
    return headers;
  return { accept, ...headers };
}

/**
 * Calls `spec` and resolves with its decoded 2xx body. Rejects with the `ApiError` subclass for a non-2xx status,
 * `InvalidResponseError` for a response the spec does not allow, `ApiTimeoutError`, `ApiConnectionError` or
 * `ApiUserAbortError`.
 */
export async function callOperation<Data>(
  // The client's own path typing is not needed: `spec` says what to call and `Data` what comes back.
  client: Client<any, any>,
  spec: OperationSpec,
  params: OperationParams = {},
  options: CallOptions = {},
): Promise<Data> {
  const registration = registrationOf(client);
  let captured: Response | undefined;
  let received: ReceivedResponse;
  try {
    const result = await (client as unknown as UntypedClient).request(spec.method, spec.path, {
      params: { path: params.path, query: { ...params.query, ...options.query }, header: params.header },
      headers: withDefaultAccept(options.headers, spec.accept),
      body: options.body ?? params.body,
      signal: options.signal,
      parseAs: "text",
      fetch:
        registration &&
        ((request: Request) =>
          // Observability hook (events per attempt, a span per call): see observe-operation.ts.
          observeOperation(
            request,
            retrySettings(registration.runtime, options, spec.operationId),
            observationOf(registration, spec.operationId),
            fetchWithRetries,
          )),
      // openapi-fetch consumes the body; a copy keeps the raw text, which decoding needs for errors too.
      middleware: [{ onResponse: ({ response }: { response: Response }) => void (captured = response.clone()) }],
    });
    const { status, headers } = result.response;
    received = { status, headers, text: captured ? await captured.text() : textReadBy(result) };
  } catch (error) {
    // Our fetch throws only UnitaskErrors; anything else is a bug to surface as it is, unless the client came
    // from elsewhere and its own fetch failed.
    if (error instanceof UnitaskError || registration) throw error;
    if (options.signal?.aborted) throw new ApiUserAbortError({ operationId: spec.operationId });
    throw new ApiConnectionError({ operationId: spec.operationId, cause: error });
  }
  const secrets = registration?.secrets ?? [];
  if (received.status >= 200 && received.status < 300) return decodeSuccess(spec, received, secrets) as Data;
  throw apiErrorFor(spec, received, secrets);
}

/**
 * The body text from what openapi-fetch read, for a response no `onResponse` saw (a middleware answered in
 * `onRequest`). An error body that was JSON comes back re-serialized.
 */
function textReadBy(result: OpenapiFetchResult): string {
  if (result.error !== undefined) return typeof result.error === "string" ? result.error : JSON.stringify(result.error);
  return typeof result.data === "string" ? result.data : "";
}

/**
 * Narrows a caught error to the errors an operation documents: `isOperationError<GetTaskError>(error, operationSpecs.getTask)`.
 * True for an `ApiError` thrown by a call of that operation with a status its spec documents.
 */
export function isOperationError<Errors extends ApiError<number, unknown>>(
  error: unknown,
  spec: Pick<OperationSpec, "operationId" | "responses">,
): error is Errors {
  return (
    error instanceof ApiError &&
    error.operationId === spec.operationId &&
    documentedMediaTypes(spec.responses, error.status) !== undefined
  );
}
