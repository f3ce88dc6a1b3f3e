// Copied by unitask from runtime/src/http/decode-response.ts. Do not edit: change runtime/src/, then run npm run generate.
// Turns a received response into what `callOperation` returns or throws, checked against the media types the
// spec documents for its status. A 2xx gives its decoded body. A non-2xx gives the `ApiError` for its status; when
// the spec documents a body for that status, the body must match it too, so an error's typed `body` is what the
// spec says (a proxy's HTML page on a documented-JSON 404 is an `InvalidResponseError`, not a `NotFoundError`).

import { createApiError, InvalidResponseError, type ApiError } from "./errors.js";
import {
  decodesAsJson,
  documentedMediaTypes,
  essenceOf,
  matchesMediaRange,
  type DocumentedResponses,
} from "./media-types.js";

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  /** The whole body as text ("" when there was none). */
  text: string;
}

export interface DocumentedOperation {
  operationId: string;
  responses: DocumentedResponses;
}

const excerptLength = 200;
const redacted = "[redacted]";

/** The decoded body of a successful response; throws `InvalidResponseError` when it breaks the spec. */
export function decodeSuccess(
  operation: DocumentedOperation,
  received: ReceivedResponse,
  secrets: readonly string[],
): unknown {
  const documented = documentedMediaTypes(operation.responses, received.status);
  if (documented === undefined) {
    throw invalidResponse(operation, received, secrets, `the spec does not document status ${received.status}`);
  }
  return decodeDocumentedBody(operation, received, documented, secrets);
}

/** The `ApiError` subclass for an unsuccessful response, or an `InvalidResponseError` when it breaks the spec. */
export function apiErrorFor(
  operation: DocumentedOperation,
  received: ReceivedResponse,
  secrets: readonly string[],
): ApiError | InvalidResponseError {
  // A server may echo a key back in its error page; nothing from an error body is kept unscrubbed.
  const scrubbed = { ...received, text: redact(received.text, secrets) };
  const documented = documentedMediaTypes(operation.responses, received.status);
  let body: unknown;
  if (documented === undefined) body = parseJsonLeniently(scrubbed);
  else if (documented.length > 0) {
    try {
      body = decodeDocumentedBody(operation, scrubbed, documented, secrets);
    } catch (error) {
      if (error instanceof InvalidResponseError) return error;
      throw error;
    }
  }
  return createApiError({
    status: received.status,
    headers: received.headers,
    body,
    excerpt: excerptOf(scrubbed.text),
    requestId: requestIdOf(received.headers) ?? requestIdInBody(body),
    operationId: operation.operationId,
  });
}

function decodeDocumentedBody(
  operation: DocumentedOperation,
  received: ReceivedResponse,
  documented: readonly string[],
  secrets: readonly string[],
): unknown {
  if (documented.length === 0) return undefined;
  const fail = (reason: string) => invalidResponse(operation, received, secrets, reason);
  if (received.text === "") throw fail("the body is empty, but the spec documents one");
  const mediaType = essenceOf(received.headers.get("content-type"));
  if (!documented.some((type) => matchesMediaRange(mediaType, type))) {
    throw fail(`the content type is not documented for this status (documented: ${documented.join(", ")})`);
  }
  if (!decodesAsJson(mediaType, documented)) return received.text;
  try {
    return JSON.parse(received.text);
  } catch {
    throw fail("the body is not valid JSON");
  }
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
  secrets: readonly string[],
  reason: string,
): InvalidResponseError {
  return new InvalidResponseError({
    status: received.status,
    contentType: received.headers.get("content-type") ?? undefined,
    excerpt: excerptOf(redact(received.text, secrets)),
    operationId: operation.operationId,
    requestId: requestIdOf(received.headers),
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

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, redacted), text);
}
