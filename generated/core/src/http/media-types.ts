// Copied by unitask from runtime/src/http/media-types.ts. Do not edit: change runtime/src/, then run npm run generate.
// Media types as the spec documents them and as servers send them: lookup by status, range matching, and the
// rule for which bodies are decoded as JSON.

/** Status code (or "2XX", "default") → the documented media types; [] = documented without a body. */
export type DocumentedResponses = Readonly<Record<string, readonly string[]>>;

/** The media types documented for a status: exact code first, then its range (`4XX`), then `default`. */
export function documentedMediaTypes(responses: DocumentedResponses, status: number): readonly string[] | undefined {
  const range = `${Math.floor(status / 100)}XX`;
  return responses[String(status)] ?? responses[range] ?? responses[range.toLowerCase()] ?? responses["default"];
}

/**
 * Whether HTTP forbids content in this response, whatever the spec documents: a response to HEAD, a 204 or a 304
 * never has content (RFC 9110 §6.4.1), and a server must not send any with a 205 (§15.3.6). Such a response is
 * decoded as no body, and a spec's `content` for it describes nothing a client can receive.
 */
export function carriesNoContent(method: string, status: number): boolean {
  return method.toUpperCase() === "HEAD" || isContentFreeStatus(status);
}

/** 204, 205 and 304: statuses whose responses have no content, whatever the request. */
export function isContentFreeStatus(status: number): boolean {
  return status === 204 || status === 205 || status === 304;
}

/** `application/json; charset=utf-8` → `application/json`; `undefined` for a missing or empty header. */
export function essenceOf(contentType: string | null | undefined): string | undefined {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  return essence === "" ? undefined : essence;
}

/** application/json, text/json, application/problem+json, application/vnd.x.v1+json… */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = essenceOf(mediaType) ?? "";
  return essence.endsWith("/json") || essence.endsWith("+json");
}

/** Whether a received media type is covered by a documented one, which may be a range (`*\/*`, `text/*`). */
export function matchesMediaRange(mediaType: string | undefined, documented: string): boolean {
  const range = essenceOf(documented);
  if (range === "*/*") return true;
  if (mediaType === undefined || range === undefined) return false;
  if (range.endsWith("/*")) return mediaType.startsWith(range.slice(0, -1));
  return mediaType === range;
}

/**
 * Whether a body received as `mediaType` is decoded as JSON. A JSON media type always is. Beyond that, when the
 * spec documents JSON for this status, so is a body that is unlabelled, `text/plain`, or matched only through
 * `*\/*`: Eden documents its JSON task as `*\/*`, and Deck offers the same schema as `text/plain` beside
 * `application/json`. A body whose type the spec documents as something else (say `text/csv`) stays text.
 */
export function decodesAsJson(mediaType: string | undefined, documented: readonly string[]): boolean {
  if (mediaType !== undefined && isJsonMediaType(mediaType)) return true;
  const documentsJson = documented.some((type) => essenceOf(type) === "*/*" || isJsonMediaType(type));
  if (!documentsJson) return false;
  if (mediaType === undefined || mediaType === "text/plain") return true;
  return !documented.some((type) => essenceOf(type) !== "*/*" && matchesMediaRange(mediaType, type));
}
