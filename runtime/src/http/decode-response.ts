// Turns a received response into what `callOperation` returns or throws, checked against the media types the
// spec documents for its status. A 2xx gives its decoded body. A non-2xx gives the `ApiError` for its status; when
// the spec documents a body for that status, the body must match it too, so an error's typed `body` is what the
// spec says (a proxy's HTML page on a documented-JSON 404 is an `InvalidResponseError`, not a `NotFoundError`).
// A response that HTTP keeps content-free (HEAD, 204, 205, 304) has no body, whatever the spec documents for it.

import { createApiError, InvalidResponseError, type ApiError } from "./errors.js";
import {
  carriesNoContent,
  decodesAsJson,
  documentedMediaTypes,
  essenceOf,
  matchesMediaRange,
  type DocumentedResponses,
} from "./media-types.js";
import type { Redactor } from "./redaction.js";

/** A response as decoding sees it. */
export interface ReceivedResponse {
  status: number;
  headers: Headers;
  /** The whole body as text ("" when there was none). */
  text: string;
}

/** What decoding needs of an operation: its id, for errors, its method, and its documented responses. */
export interface DocumentedOperation {
  operationId: string;
  method: string;
  responses: DocumentedResponses;
}

const excerptLength = 200;

/** The decoded body of a successful response; throws `InvalidResponseError` when it breaks the spec. */
export function decodeSuccess(operation: DocumentedOperation, received: ReceivedResponse, redactor: Redactor): unknown {
  const documented = documentedMediaTypes(operation.responses, received.status);
  if (documented === undefined) {
    throw invalidResponse(operation, received, redactor, `the spec does not document status ${received.status}`);
  }
  if (carriesNoContent(operation.method, received.status)) return undefined;
  return decodeDocumentedBody(operation, received, documented, redactor);
}

/** The `ApiError` subclass for an unsuccessful response, or an `InvalidResponseError` when it breaks the spec. */
export function apiErrorFor(
  operation: DocumentedOperation,
  received: ReceivedResponse,
  redactor: Redactor,
): ApiError | InvalidResponseError {
  // A server may echo a key back in its error page or headers: nothing of them is kept unscrubbed. Scrubbing the
  // text before parsing catches every JSON spelling of a secret, and costs no walk over a deeply nested body.
  const headers = redactor.headers(received.headers);
  const scrubbed = { status: received.status, headers, text: redactor.text(received.text) };
  const documented = documentedMediaTypes(operation.responses, received.status);
  let body: unknown;
  if (documented === undefined) body = parseJsonLeniently(scrubbed);
  else if (documented.length > 0 && !carriesNoContent(operation.method, received.status)) {
    try {
      body = decodeDocumentedBody(operation, scrubbed, documented, redactor);
    } catch (error) {
      if (error instanceof InvalidResponseError) return error;
      throw error;
    }
  }
  return createApiError({
    status: received.status,
    headers,
    body,
    excerpt: excerptOf(scrubbed.text),
    requestId: requestIdOf(headers) ?? requestIdInBody(body),
    operationId: operation.operationId,
  });
}

function decodeDocumentedBody(
  operation: DocumentedOperation,
  received: ReceivedResponse,
  documented: readonly string[],
  redactor: Redactor,
): unknown {
  if (documented.length === 0) return undefined;
  if (received.text === "") {
    throw invalidResponse(operation, received, redactor, "the body is empty, but the spec documents one");
  }
  const decoding = decodingOf(documented, received.headers.get("content-type"));
  if (decoding === "undocumented") {
    const reason = `the content type is not documented for this status (documented: ${documented.join(", ")})`;
    throw invalidResponse(operation, received, redactor, reason);
  }
  if (decoding === "text") return received.text;
  try {
    return JSON.parse(received.text);
  } catch {
    throw invalidResponse(operation, received, redactor, "the body is not valid JSON");
  }
}

type Decoding = "json" | "text" | "undocumented";

// A client sees few (documented types, Content-Type) pairs, and decides each on every response: remember them.
const decodings = new WeakMap<readonly string[], Map<string | null, Decoding>>();
const maxDecodingsPerStatus = 100;

/** How a body labelled `contentType` is decoded where the spec documents `documented`. */
function decodingOf(documented: readonly string[], contentType: string | null): Decoding {
  let known = decodings.get(documented);
  if (known === undefined) decodings.set(documented, (known = new Map()));
  let decoding = known.get(contentType);
  if (decoding === undefined) {
    const mediaType = essenceOf(contentType);
    if (!documented.some((type) => matchesMediaRange(mediaType, type))) decoding = "undocumented";
    else decoding = decodesAsJson(mediaType, documented) ? "json" : "text";
    // Content types are the server's to choose; the bound keeps a strange one from growing the map.
    if (known.size < maxDecodingsPerStatus) known.set(contentType, decoding);
  }
  return decoding;
}

/** For undocumented statuses: the JSON body when it is labelled and parses as JSON, else `undefined`. */
function parseJsonLeniently(received: ReceivedResponse): unknown {
  const mediaType = essenceOf(received.headers.get("content-type"));
  if (received.text === "" || !decodesAsJson(mediaType, [])) return undefined;
  try {
    return JSON.parse(received.text);
  } catch {
    return undefined;
  }
}

function invalidResponse(
  operation: DocumentedOperation,
  received: ReceivedResponse,
  redactor: Redactor,
  reason: string,
): InvalidResponseError {
  const headers = redactor.headers(received.headers);
  return new InvalidResponseError({
    status: received.status,
    contentType: headers.get("content-type") ?? undefined,
    excerpt: excerptOf(redactor.text(received.text)),
    operationId: operation.operationId,
    requestId: requestIdOf(headers),
    reason,
  });
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get("x-request-id") ?? headers.get("request-id") ?? undefined;
}

function requestIdInBody(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { request_id: snakeCase, requestId: camelCase } = body as Record<string, unknown>;
  const requestId = snakeCase ?? camelCase;
  return typeof requestId === "string" ? requestId : undefined;
}

function excerptOf(text: string): string | undefined {
  const excerpt = text.replace(/\s+/g, " ").trim().slice(0, excerptLength);
  return excerpt === "" ? undefined : excerpt;
}
