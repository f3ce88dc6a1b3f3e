// Walks a mapping path through an OpenAPI schema: follows internal `$ref`s, looks through allOf/oneOf/anyOf
// (a `null` branch, 3.1 `type: [x, 'null']` and 3.0 `nullable` all just mean "may be null"), and keeps the
// JSON pointer of every schema it lands on, so messages can say where the spec stopped matching.

import {
  deref,
  escapePointerToken,
  isNullSchema,
  isRecord,
  parsePointer,
  refOf,
  type SchemaObject,
} from "../spec/index.js";

/** A schema and where it sits in the document. */
export interface LocatedSchema {
  schema: SchemaObject;
  pointer: string;
}

export type WalkResult = { found: LocatedSchema } | { missing: { at: string; token: string; reason: string } };

const MAX_DEPTH = 32;

/** Follows a chain of internal `$ref`s to a schema object; undefined when one cannot be resolved. */
export function resolveRef(document: unknown, located: LocatedSchema): LocatedSchema | undefined {
  const { node, pointer } = deref(document, located.schema, located.pointer);
  return isRecord(node) && refOf(node) === undefined && pointer !== undefined ? { schema: node, pointer } : undefined;
}

/** The schema itself and every allOf/oneOf/anyOf member below it, resolved, without `null`-only members. */
export function variantsOf(document: unknown, located: LocatedSchema, depth = 0): LocatedSchema[] {
  const resolved = resolveRef(document, located);
  if (resolved === undefined || depth > MAX_DEPTH || isNullSchema(resolved.schema)) return [];
  const variants = [resolved];
  for (const keyword of ["allOf", "oneOf", "anyOf"]) {
    const members = resolved.schema[keyword];
    if (!Array.isArray(members)) continue;
    members.forEach((member, index) => {
      if (isRecord(member))
        variants.push(
          ...variantsOf(document, { schema: member, pointer: `${resolved.pointer}/${keyword}/${index}` }, depth + 1),
        );
    });
  }
  return variants;
}

/** Walks `path` (a mapping path: JSON pointer tokens, array indexes, `@last`) from `root`. */
export function walkPath(document: unknown, root: LocatedSchema, path: string): WalkResult {
  let current = root;
  for (const token of parsePointer(path)) {
    const variants = variantsOf(document, current);
    const isArrayStep = token === "@last" || /^\d+$/.test(token);
    const next = isArrayStep ? arrayItems(variants) : propertyOf(variants, token);
    if (next === undefined) {
      const at = variants[0]?.pointer ?? current.pointer;
      const reason = isArrayStep ? "is not an array" : `has no property "${token}"${listProperties(variants)}`;
      return { missing: { at, token, reason } };
    }
    current = next;
  }
  const resolved = resolveRef(document, current);
  return resolved === undefined
    ? { missing: { at: current.pointer, token: "$ref", reason: "has a $ref that cannot be resolved" } }
    : { found: resolved };
}

function propertyOf(variants: readonly LocatedSchema[], token: string): LocatedSchema | undefined {
  for (const { schema, pointer } of variants) {
    const properties = schema["properties"];
    if (isRecord(properties) && isRecord(properties[token]) && Object.hasOwn(properties, token)) {
      return { schema: properties[token], pointer: `${pointer}/properties/${escapePointerToken(token)}` };
    }
  }
  for (const { schema, pointer } of variants) {
    if (isRecord(schema["additionalProperties"]))
      return { schema: schema["additionalProperties"], pointer: `${pointer}/additionalProperties` };
  }
  return undefined;
}

function arrayItems(variants: readonly LocatedSchema[]): LocatedSchema | undefined {
  for (const { schema, pointer } of variants) {
    if (isRecord(schema["items"])) return { schema: schema["items"], pointer: `${pointer}/items` };
  }
  return undefined;
}

function listProperties(variants: readonly LocatedSchema[]): string {
  const names = variants.flatMap(({ schema }) =>
    isRecord(schema["properties"]) ? Object.keys(schema["properties"]) : [],
  );
  return names.length === 0 ? "" : ` (properties: ${names.join(", ")})`;
}

/** The JSON types a schema allows besides null, or undefined when it does not constrain the type. */
export function typesOf(document: unknown, located: LocatedSchema): Set<string> | undefined {
  const types = new Set<string>();
  for (const { schema } of variantsOf(document, located)) {
    const type = schema["type"];
    for (const item of Array.isArray(type) ? type : [type])
      if (typeof item === "string" && item !== "null") types.add(item);
  }
  return types.size === 0 ? undefined : types;
}

/** The enum (or const) values a schema allows besides null, with where they are declared; undefined when it has none. */
export function enumOf(document: unknown, located: LocatedSchema): { values: unknown[]; pointer: string } | undefined {
  let found: { values: unknown[]; pointer: string } | undefined;
  for (const { schema, pointer } of variantsOf(document, located)) {
    const values = Array.isArray(schema["enum"])
      ? schema["enum"]
      : Object.hasOwn(schema, "const")
        ? [schema["const"]]
        : undefined;
    if (values === undefined) continue;
    found ??= { values: [], pointer };
    for (const value of values) if (value !== null && !found.values.includes(value)) found.values.push(value);
  }
  return found;
}
