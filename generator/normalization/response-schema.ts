// Walks a mapping path through an OpenAPI schema: follows internal `$ref`s, looks through allOf/oneOf/anyOf
// (a `null` branch, 3.1 `type: [x, 'null']` and 3.0 `nullable` all just mean "may be null"), and keeps the
// JSON pointer of every schema it lands on, so messages can say where the spec stopped matching.

import { decodeUriText, escapePointerToken, parsePointer } from "../problems.js";

type SchemaObject = Record<string, unknown>;

/** A schema and where it sits in the document. */
export interface LocatedSchema {
  schema: SchemaObject;
  pointer: string;
}

export type WalkResult = { found: LocatedSchema } | { missing: { at: string; token: string; reason: string } };

const MAX_DEPTH = 32;

export function isObject(value: unknown): value is SchemaObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a chain of internal `$ref`s; undefined when one cannot be resolved. */
export function resolveRef(document: unknown, located: LocatedSchema): LocatedSchema | undefined {
  let current = located;
  for (let depth = 0; typeof current.schema["$ref"] === "string"; depth++) {
    const ref = current.schema["$ref"];
    if (depth >= MAX_DEPTH || !ref.startsWith("#")) return undefined;
    const target = valueAt(document, decodeUriText(ref));
    if (!isObject(target)) return undefined;
    current = { schema: target, pointer: ref };
  }
  return current;
}

/** The value at a JSON pointer in a document, or undefined. */
export function valueAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/** The schema itself and every allOf/oneOf/anyOf member below it, resolved, without `null`-only members. */
export function variantsOf(document: unknown, located: LocatedSchema, depth = 0): LocatedSchema[] {
  const resolved = resolveRef(document, located);
  if (resolved === undefined || depth > MAX_DEPTH || isNullOnly(resolved.schema)) return [];
  const variants = [resolved];
  for (const keyword of ["allOf", "oneOf", "anyOf"]) {
    const members = resolved.schema[keyword];
    if (!Array.isArray(members)) continue;
    members.forEach((member, index) => {
      if (isObject(member))
        variants.push(
          ...variantsOf(document, { schema: member, pointer: `${resolved.pointer}/${keyword}/${index}` }, depth + 1),
        );
    });
  }
  return variants;
}

function isNullOnly(schema: SchemaObject): boolean {
  const type = schema["type"];
  return type === "null" || (Array.isArray(type) && type.length > 0 && type.every((item) => item === "null"));
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
    if (isObject(properties) && isObject(properties[token]) && Object.hasOwn(properties, token)) {
      return { schema: properties[token], pointer: `${pointer}/properties/${escapePointerToken(token)}` };
    }
  }
  for (const { schema, pointer } of variants) {
    if (isObject(schema["additionalProperties"]))
      return { schema: schema["additionalProperties"], pointer: `${pointer}/additionalProperties` };
  }
  return undefined;
}

function arrayItems(variants: readonly LocatedSchema[]): LocatedSchema | undefined {
  for (const { schema, pointer } of variants) {
    if (isObject(schema["items"])) return { schema: schema["items"], pointer: `${pointer}/items` };
  }
  return undefined;
}

function listProperties(variants: readonly LocatedSchema[]): string {
  const names = variants.flatMap(({ schema }) =>
    isObject(schema["properties"]) ? Object.keys(schema["properties"]) : [],
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
