// Copied by unitask from runtime/src/http/call-operation.ts. Do not edit: change runtime/src/, then run npm run generate.
// One documented operation of an openapi-fetch client: parameters are serialized and encoded by openapi-fetch's own
// serializers (path parameters checked first; query values too deeply nested for them by query-string.ts), the
// request goes through the transport (and through openapi-fetch,
// when middleware was added), then the response is checked against the spec and decoded, or thrown as an error.

import { defaultBodySerializer, mergeHeaders, type Client } from "openapi-fetch";
import { secretsOf } from "./credentials.js";
import { apiErrorFor, decodeSuccess, type ReceivedResponse } from "./decode-response.js";
import { ApiConnectionError, ApiError, ApiUserAbortError, UnitaskError } from "./errors.js";
import { observationOf, registrationOf, transportSettings, type Registration } from "./http-client.js";
import { documentedMediaTypes } from "./media-types.js";
import { observeOperation } from "./observe-operation.js";
import { expandPath, expandQueryTemplate } from "./path-parameters.js";
import { serializeQuery } from "./query-string.js";
import { createRedactor, type Redactor } from "./redaction.js";
import { fetchWithRetries, sendWithRetries } from "./resilient-fetch.js";
import type { OutgoingRequest } from "./redirects.js";

/** What the generator emits for each operation. */
export interface OperationSpec {
  operationId: string;
  method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  /** The path template, e.g. `/tasks/{task_id}`. */
  path: string;
  /** A query the spec's path key carries (`method=list`, `filename={filename}`: path parameters), sent first. */
  query?: string;
  /** Status code (or "2XX", "default") → the documented media types; [] = documented without a body. */
  responses: Readonly<Record<string, readonly string[]>>;
  /** The Accept header sent unless the call sets its own: the success media types the client decodes. */
  accept?: string;
}

/** The parameters of one call, by where they go; serialized and encoded as openapi-fetch does. */
export interface OperationParams {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

/** Per-call options; `timeoutMs`, `maxRetries` and `maxResponseBytes` override the client's. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  maxResponseBytes?: number;
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

// Its declaration omits the headers, which the implementation reads to send form-urlencoded bodies as such.
const serializeBody = defaultBodySerializer as (body: unknown, headers: Headers) => string | FormData;
const utf8 = new TextDecoder();
type HeaderValues = Parameters<typeof mergeHeaders>[number];

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
 * `InvalidResponseError` for a response the spec does not allow, `PathParameterError` (before any request) for a
 * path parameter that is missing, empty, `.` or `..`, `ApiTimeoutError`, `ApiConnectionError`, `RedirectError`,
 * `ResponseTooLargeError` or `ApiUserAbortError`; anything else that fails is wrapped in a `UnitaskError`. No error
 * holds a credential.
 */
export async function callOperation<Data>(
  // The client's own path typing is not needed: `spec` says what to call and `Data` what comes back.
  client: Client<any, any>,
  spec: OperationSpec,
  params: OperationParams = {},
  options: CallOptions = {},
): Promise<Data> {
  const registration = registrationOf(client);
  let received: ReceivedResponse;
  try {
    // Without middleware to run, openapi-fetch would only build the request and copy the response: skip it.
    if (registration && registration.middleware.size === 0) {
      const request = outgoingRequestOf(registration, spec, params, options);
      const settings = transportSettings(registration, options, spec.operationId);
      const { status, headers, body } = await observeOperation(
        request,
        settings,
        observationOf(registration, spec.operationId),
        (observed) => sendWithRetries(request, options.signal, observed),
      );
      received = { status, headers, text: utf8.decode(body) };
    } else received = await callThroughOpenapiFetch(client, registration, spec, params, options);
  } catch (error) {
    if (error instanceof UnitaskError) throw error;
    if (options.signal?.aborted) throw new ApiUserAbortError({ operationId: spec.operationId });
    // A client from elsewhere, whose own fetch failed.
    if (!registration) throw new ApiConnectionError({ operationId: spec.operationId, cause: error });
    // A middleware or a serializer threw: keep what it said, without a secret in it.
    const redactor = redactorOf(registration, options);
    const said = error instanceof Error ? error.message : String(error);
    throw new UnitaskError(`${spec.operationId}: the request failed: ${redactor.text(said)}`, {
      operationId: spec.operationId,
      cause: redactor.foreignError(error),
    });
  }
  const redactor = registration ? redactorOf(registration, options) : createRedactor([]);
  if (received.status >= 200 && received.status < 300) return decodeSuccess(spec, received, redactor) as Data;
  throw apiErrorFor(spec, received, redactor);
}

/** The request openapi-fetch would build for this call: the same serializers, the same header precedence. */
function outgoingRequestOf(
  registration: Registration,
  spec: OperationSpec,
  params: OperationParams,
  options: CallOptions,
): OutgoingRequest {
  const headers = withDefaultAccept(options.headers, spec.accept);
  const body = options.body ?? params.body;
  const serializedBody: OutgoingRequest["body"] =
    body === undefined ? undefined : serializeBody(body, mergeHeaders(headers, params.header as HeaderValues));
  const query = queryOf(spec, params, options.query);
  return {
    method: spec.method.toUpperCase(),
    // As openapi-fetch's createFinalURL, but the base URL is not scanned for placeholders.
    url: `${registration.baseUrl}${expandPath(spec.path, params.path, spec.operationId)}${query === "" ? "" : `?${query}`}`,
    headers: mergeHeaders(
      serializedBody === undefined || serializedBody instanceof FormData ? {} : { "Content-Type": "application/json" },
      headers,
      params.header as HeaderValues,
    ),
    body: serializedBody,
  };
}

/** The query string: the one the path key carries, then the call's parameters. */
function queryOf(spec: OperationSpec, params: OperationParams, extra: Record<string, unknown> | undefined): string {
  const keyQuery = spec.query === undefined ? "" : expandQueryTemplate(spec.query, params.path, spec.operationId);
  const query = params.query === undefined && extra === undefined ? "" : serializeQuery({ ...params.query, ...extra });
  return keyQuery === "" || query === "" ? keyQuery + query : `${keyQuery}&${query}`;
}

/** Through openapi-fetch's `request`, so that the middleware added to the client runs. */
async function callThroughOpenapiFetch(
  client: Client<any, any>,
  registration: Registration | undefined,
  spec: OperationSpec,
  params: OperationParams,
  options: CallOptions,
): Promise<ReceivedResponse> {
  let captured: Response | undefined;
  const result = await (client as unknown as UntypedClient).request(spec.method, spec.path, {
    params: { path: params.path ?? {}, query: { ...params.query, ...options.query }, header: params.header },
    headers: withDefaultAccept(options.headers, spec.accept),
    body: options.body ?? params.body,
    signal: options.signal,
    parseAs: "text",
    querySerializer: () => queryOf(spec, params, options.query),
    pathSerializer: (pathname: string, parameters: Record<string, unknown>) =>
      expandPath(pathname, parameters, spec.operationId),
    fetch:
      registration &&
      ((request: Request) =>
        observeOperation(
          request,
          transportSettings(registration, options, spec.operationId),
          observationOf(registration, spec.operationId),
          (observed) => fetchWithRetries(request, observed),
        )),
    // openapi-fetch consumes the body; a copy keeps the raw text, which decoding needs for errors too.
    middleware: [{ onResponse: ({ response }: { response: Response }) => void (captured = response.clone()) }],
  });
  const { status, headers } = result.response;
  return { status, headers, text: captured ? await captured.text() : textReadBy(result) };
}

/** The client's redactor, plus any credential the call set in its own headers (say, a per-call `Authorization`). */
function redactorOf(registration: Registration, options: CallOptions): Redactor {
  if (options.headers === undefined) return registration.redactor;
  const ownCredentials = Object.entries(options.headers).filter(([name]) =>
    registration.credentialHeaders.includes(name.toLowerCase()),
  );
  if (ownCredentials.length === 0) return registration.redactor;
  return createRedactor([
    ...secretsOf(registration.credentials),
    // `Bearer <token>`: the token alone too.
    ...ownCredentials.flatMap(([, value]) => [value, value.trim().split(/\s+/).pop() ?? ""]),
  ]);
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
