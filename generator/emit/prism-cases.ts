// What Prism, the independent mock the generated tests also run against, can make of each documented response:
// whether it serves it, refuses to (its text serializer and objects), or cannot be asked at all, and where its own
// answer must break the spec (Deck's `oneOf: [null, JsonElement]`, where `null` matches both branches).
import type { Fixture, PrismCase } from "../../runtime/src/testing/cases.js";
import type { OpenApiDocument } from "../bundle.js";
import { acceptsNull, deref, escapePointerToken, isNullSchema, resolvePointer } from "../spec/index.js";

/** Prism serializes `application/json` and `application/*+json` as JSON, and `text/*` (which `*\/*` matches) only for strings. */
export function prismCase(
  document: OpenApiDocument,
  mediaType: string,
  schemaPointer: string | undefined,
  fixture: Fixture | undefined,
  value: unknown,
): PrismCase {
  // The client's own Accept names its preferred media types: each case asks Prism for the one under test.
  const accept = mediaType;
  const essence = mediaType.toLowerCase();
  const servesAsJson = essence === "application/json" || /^application\/[^/]*\+json$/.test(essence);
  const servesAsText = essence.startsWith("text/") || essence === "*/*";
  if (servesAsJson || (servesAsText && typeof value === "string")) {
    // Prism serves the example when there is one, else a sample of its own, null first branches included.
    const expectedViolations =
      fixture?.example === undefined
        ? findAmbiguousNulls(document, schemaPointer)
            .filter((ambiguous) => ambiguous.nullFirst)
            .map((ambiguous) => ambiguous.at)
        : [];
    return { kind: "serves", accept, expectedViolations };
  }
  if (servesAsText) return { kind: "cannot-serialise-as-text", accept };
  return { kind: "not-asked", reason: `Prism has no serializer for ${mediaType} bodies that are not strings` };
}

export function rangeNotAsked(status: string): PrismCase {
  return { kind: "not-asked", reason: `Prism's Prefer header names an exact status, not ${status}` };
}

/** Prism routes a request by the path key, query and fragment included, and a request path carries neither. */
export function pathKeyNotAsked(pathKey: string): PrismCase {
  return {
    kind: "not-asked",
    reason: `Prism matches requests against the path key ${pathKey}, whose query or fragment no request path carries`,
  };
}

/**
 * Prism reads a query parameter by its style, and only `deepObject` reads nested keys (`Tag[0][Key]=…`, as the
 * client sends a value nested deeper than openapi-fetch serializes): under any other, such a parameter is missing.
 */
export function unreadableQueryNotAsked(parameters: readonly { parameter: { name: string } }[]): PrismCase | undefined {
  if (parameters.length === 0) return undefined;
  const names = parameters.map(({ parameter }) => parameter.name).join(", ");
  return {
    kind: "not-asked",
    reason: `Prism reads the nested query parameter ${names} by its style, which only deepObject reads as the client sends it`,
  };
}

interface AmbiguousNull {
  /** Instance pointer, e.g. `/input_schema`. */
  at: string;
  /** Prism samples a `oneOf` from its first branch, so a null first branch gives `null` in its answers. */
  nullFirst: boolean;
}

/** Ambiguous `oneOf` nulls reachable from the schema through object properties (arrays and maps are not followed). */
function findAmbiguousNulls(document: OpenApiDocument, schemaPointer: string | undefined): AmbiguousNull[] {
  if (schemaPointer === undefined) return [];
  const found: AmbiguousNull[] = [];
  const visit = (node: unknown, at: string, seen: ReadonlySet<unknown>, depth: number) => {
    const schema = deref(document, node).node as Record<string, unknown> | undefined;
    if (typeof schema !== "object" || schema === null || seen.has(schema) || depth > 8) return;
    const within = new Set(seen).add(schema);
    const branches = Array.isArray(schema.oneOf) ? schema.oneOf.map((branch) => deref(document, branch).node) : [];
    const nullIndex = branches.findIndex(isNullSchema);
    if (nullIndex !== -1 && branches.some((branch, index) => index !== nullIndex && acceptsNull(document, branch)))
      found.push({ at, nullFirst: nullIndex === 0 });
    for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) visit(part, at, within, depth + 1);
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    for (const name of Object.keys(properties))
      visit(properties[name], `${at}/${escapePointerToken(name)}`, within, depth + 1);
  };
  visit(resolvePointer(document, schemaPointer), "", new Set(), 0);
  return found;
}
