// Copied by unitask from runtime/src/http/path-parameters.ts. Do not edit: change runtime/src/, then run npm run generate.
// Path parameters, checked before any request: a missing one would be sent as the literal `{task_id}`, an empty one
// collapses `//`, and `.` or `..` (which `encodeURIComponent` keeps) are removed by URL resolution together with
// the segment before them, so the request, credentials included, would reach another resource. A template's
// fragment (`/files/{file_id}#add_shared_link`: how some specs tell apart operations on one path and method) is
// dropped: a request target has none (RFC 9110 §7.1), and a query appended after it would be cut off with it.

import { defaultPathSerializer } from "openapi-fetch";
import { PathParameterError } from "./errors.js";

const placeholder = /\{([^{}]+)\}/g;
// WHATWG URL parsing treats `%2e` as a dot too.
const dotSegment = /^(?:\.|%2e){1,2}$/i;

/** A template's segments: literal text, or the names of the parameters it holds (and whether it is just `{name}`). */
type Segment = string | { text: string; names: string[]; simple: boolean };

// Templates are few (one per operation and base URL) and expanded on every call; the bound is for callers of the raw
// client who put values into the path themselves.
const parsedTemplates = new Map<string, Segment[]>();
const maxParsedTemplates = 1_000;

/**
 * `template` (a path, or a base URL followed by one) without its fragment, and with its `{name}` placeholders
 * filled by openapi-fetch's serialization, after checking every one: throws `PathParameterError`, naming the parameter, for a value that is
 * missing, empty, or makes its segment `.` or `..`.
 */
export function expandPath(
  template: string,
  parameters: Record<string, unknown> | undefined,
  operationId?: string,
): string {
  let segments = parsedTemplates.get(template);
  if (segments === undefined) {
    const fragment = template.indexOf("#");
    segments = (fragment === -1 ? template : template.slice(0, fragment)).split("/").map(parseSegment);
    if (parsedTemplates.size >= maxParsedTemplates) parsedTemplates.clear();
    parsedTemplates.set(template, segments);
  }
  let expanded = "";
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    if (index > 0) expanded += "/";
    expanded += typeof segment === "string" ? segment : expandSegment(segment, parameters ?? {}, operationId);
  }
  return expanded;
}

/**
 * A query the path key carries (`filename={filename}`), its placeholders filled with the path parameters they
 * name, percent-encoded; throws `PathParameterError` for a missing one.
 */
export function expandQueryTemplate(
  template: string,
  parameters: Record<string, unknown> | undefined,
  operationId?: string,
): string {
  return template.replace(placeholder, (_, name: string) => {
    const value = parameters?.[name];
    if (value === undefined || value === null)
      throw new PathParameterError({ operationId, parameter: name, reason: `is missing (${value})` });
    return encodeURIComponent(String(value));
  });
}

function parseSegment(text: string): Segment {
  if (!text.includes("{")) return text;
  // `{.name*}`, `{;name}`: label and matrix styles, and explode.
  const expressions = Array.from(text.matchAll(placeholder), (match) => match[1] ?? "");
  const names = expressions.map((expression) => expression.replace(/^[.;]/, "").replace(/\*$/, ""));
  return { text, names, simple: expressions.length === 1 && text === `{${names[0]}}` };
}

function expandSegment(
  segment: Exclude<Segment, string>,
  parameters: Record<string, unknown>,
  operationId: string | undefined,
): string {
  for (const name of segment.names) {
    const value = parameters[name];
    if (value === undefined || value === null) {
      throw new PathParameterError({ operationId, parameter: name, reason: `is missing (${value})` });
    }
    if (isEmpty(value)) throw new PathParameterError({ operationId, parameter: name, reason: "is empty" });
  }
  const value = parameters[segment.names[0]!];
  const expanded =
    segment.simple && typeof value !== "object"
      ? encodeURIComponent(value as string | number | boolean)
      : defaultPathSerializer(segment.text, parameters);
  const reason = dotSegment.test(expanded)
    ? `makes the path segment "${expanded}", which URL resolution would remove with the one before it`
    : expanded === ""
      ? "is empty"
      : expanded.includes("/")
        ? "would add a path segment"
        : undefined;
  if (reason !== undefined) throw new PathParameterError({ operationId, parameter: segment.names.join(", "), reason });
  return expanded;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0 || value.every(isEmpty);
  if (typeof value === "object" && value !== null) return Object.keys(value).length === 0;
  return String(value) === "";
}
