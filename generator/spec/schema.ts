// Questions asked of a schema object, in one place, so every stage means the same thing by them.
import { deref } from "./deref.js";

export type SchemaObject = Record<string, unknown>;

/** A plain object (not an array, not null): what a schema, an operation or a map must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The null schema: one that accepts null and nothing else (`type: 'null'`, `type: ['null']`,
 * `enum: [null]`, `const: null`). `{ nullable: true }` alone is not one: in 3.0 it has no effect without `type`.
 */
export function isNullSchema(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const { type, enum: values, const: constant } = schema;
  if (type === "null" || (Array.isArray(type) && type.length === 1 && type[0] === "null")) return true;
  if (Array.isArray(values)) return values.length > 0 && values.every((value) => value === null);
  return Object.hasOwn(schema, "const") && constant === null;
}

/**
 * Whether null is a valid instance of `schema` as a strict JSON Schema validator sees it. An
 * unconstrained schema accepts null; a composition is conservatively taken not to (its branches decide).
 */
export function acceptsNull(document: unknown, schema: unknown): boolean {
  const { node } = deref(document, schema);
  if (node === true) return true;
  if (!isRecord(node)) return false;
  const { type, nullable, enum: values, oneOf, anyOf, allOf, not } = node;
  if (nullable === true) return true;
  if (Array.isArray(values)) return values.includes(null);
  if (Object.hasOwn(node, "const")) return node.const === null;
  if (type !== undefined) return type === "null" || (Array.isArray(type) && type.includes("null"));
  if (Array.isArray(oneOf) || Array.isArray(anyOf) || Array.isArray(allOf) || not !== undefined) return false;
  return true;
}

/**
 * Whether `schema` names null itself (3.0's `nullable: true`, or a `type` that is or includes `'null'`), whatever
 * its other keywords say: what a sampler may fall back to, not what a validator accepts (that is `acceptsNull`).
 */
export function declaresNull(schema: SchemaObject): boolean {
  const { type, nullable } = schema;
  return nullable === true || type === "null" || (Array.isArray(type) && type.includes("null"));
}
