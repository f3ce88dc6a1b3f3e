// A value that satisfies a schema, synthesized at generation time for the generated tests to serve or send, and
// bounded whatever the schema: a few optional properties only near the root, one item per array (or `minItems`), and
// past a depth or on re-entering a schema already being sampled (recursion, long `allOf` chains) only what the
// schema requires. Deterministic: the same schema gives the same value.
import type { OpenApiDocument } from "../bundle.js";
import { declaresNull, deref, isNullSchema, isRecord } from "../spec/index.js";
import { samplePattern } from "./pattern-sample.js";

export type Direction = "request" | "response";

/** Optional properties are sampled at depths below this (0 is the value itself). */
const OPTIONAL_DEPTH = 2;
/** Optional properties sampled per object, in declaration order. */
const OPTIONAL_PROPERTIES = 8;
/** Past this depth only required properties and `minItems` items are sampled. */
const MINIMAL_DEPTH = 6;
/** Past this depth, sampling stops: a schema that still requires more has no small instance. */
const HARD_DEPTH = 24;

type Schema = Record<string, unknown>;

/** Samples of each known format, the usual spelling first, then others of other lengths (a 25-character date-time). */
const formatSamples: Record<string, string | string[]> = {
  "date-time": [
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00+00:00",
    "2024-01-01T00:00:00.000Z",
    "2024-01-01T00:00:00.000+00:00",
  ],
  date: "2024-01-01",
  time: ["00:00:00Z", "00:00:00+00:00", "00:00:00.000Z", "00:00:00.000+00:00"],
  duration: "P1D",
  uuid: "497f6eca-6276-4993-bfeb-53cbbbba6f08",
  email: "user@example.com",
  "idn-email": "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  "uri-reference": "https://example.com",
  iri: "https://example.com",
  "uri-template": "https://example.com/{id}",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "c3RyaW5n",
  "json-pointer": "/a",
  regex: "^a$",
};

export function sampleSchema(document: OpenApiDocument, schema: unknown, direction: Direction): unknown {
  return new Sampler(document, direction).sample(schema, 0, []);
}

class Sampler {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly direction: Direction,
  ) {}

  sample(node: unknown, depth: number, within: readonly string[]): unknown {
    const { node: reached, pointer = "" } = deref(this.document, node);
    if (reached === true || reached === undefined) return {};
    if (typeof reached !== "object" || reached === null) return null;
    // Re-entering a schema counts as going past the depth where only what is required is sampled.
    const recursive = pointer !== "" && within.includes(pointer);
    if (depth > HARD_DEPTH) return minimalScalar(reached as Schema);
    const path = pointer === "" ? within : [...within, pointer];
    // Each re-entry goes one level deeper too, so that a cycle through composition alone (a oneOf whose branch
    // leads back to it) still ends at HARD_DEPTH.
    return this.sampleSchemaObject(reached as Schema, recursive ? Math.max(depth + 1, MINIMAL_DEPTH) : depth, path);
  }

  private sampleSchemaObject(schema: Schema, depth: number, within: readonly string[]): unknown {
    const literal = literalValue(schema);
    if (literal !== undefined) return literal.value;
    // Deep down, null where allowed ends a chain that every level requires (a `parent` that is a nullable Task).
    if (depth >= MINIMAL_DEPTH && declaresNull(schema)) return null;
    if (Array.isArray(schema.allOf)) {
      const { merged, parts } = this.flattenAllOf(schema);
      const recursive = parts.some((part) => within.includes(part));
      return this.sampleSchemaObject(merged, recursive ? Math.max(depth, MINIMAL_DEPTH) : depth, [...within, ...parts]);
    }
    const alternatives: unknown[] = Array.isArray(schema.oneOf)
      ? schema.oneOf
      : Array.isArray(schema.anyOf)
        ? schema.anyOf
        : [];
    const branches = alternatives.filter((branch) => !isNullSchema(deref(this.document, branch).node));
    // Deep down, a null branch ends the chain; elsewhere a value says more.
    if (depth >= MINIMAL_DEPTH && branches.length < alternatives.length) return null;
    if (branches.length > 0) {
      const { oneOf: _oneOf, anyOf: _anyOf, ...local } = schema;
      // A branch that does not lead back into a schema being sampled, when there is one: it ends the recursion.
      const chosen = this.sample(
        branches.find((branch) => !within.includes(deref(this.document, branch).pointer ?? "")) ?? branches[0],
        depth,
        within,
      );
      const own = Object.keys(local).some((keyword) => ["properties", "type", "items"].includes(keyword))
        ? this.sampleSchemaObject(local, depth, within)
        : undefined;
      return isRecord(own) && isRecord(chosen) ? { ...own, ...chosen } : chosen;
    }
    switch (schemaType(schema)) {
      case "object":
        return this.sampleObject(schema, depth, within);
      case "array":
        return this.sampleArray(schema, depth, within);
      default:
        return minimalScalar(schema);
    }
  }

  private sampleObject(schema: Schema, depth: number, within: readonly string[]): Record<string, unknown> {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const result: Record<string, unknown> = {};
    let optional = depth < OPTIONAL_DEPTH ? OPTIONAL_PROPERTIES : 0;
    for (const name of Object.keys(properties)) {
      if (!required.has(name) && optional-- <= 0) continue;
      // A required one is sampled all the same: a validator requires it, and "string" would break its type.
      if (!required.has(name) && this.marked(properties[name], this.direction === "request" ? "readOnly" : "writeOnly"))
        continue;
      result[name] = this.sample(properties[name], depth + 1, within);
    }
    // A required property the schema does not describe (declared by a sibling or a branch): anything goes.
    for (const name of required) if (!(name in result)) result[name] = "string";
    return result;
  }

  /** Whether a schema, or a part of its `allOf`, is marked `readOnly` or `writeOnly`. */
  private marked(node: unknown, flag: "readOnly" | "writeOnly", seen = new Set<unknown>()): boolean {
    const schema = deref(this.document, node).node;
    if (!isRecord(schema) || seen.has(schema)) return false;
    seen.add(schema);
    if (schema[flag] === true) return true;
    return Array.isArray(schema.allOf) && schema.allOf.some((part) => this.marked(part, flag, seen));
  }

  private sampleArray(schema: Schema, depth: number, within: readonly string[]): unknown[] {
    const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
    const maxItems = typeof schema.maxItems === "number" ? schema.maxItems : Infinity;
    const length = Math.min(maxItems, Math.max(minItems, depth < MINIMAL_DEPTH ? 1 : 0));
    const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
    return Array.from({ length: Math.max(length, tuple.length) }, (_, index) =>
      this.sample(tuple[index] ?? schema.items ?? {}, depth + 1, within),
    );
  }

  /**
   * One object schema from an `allOf` chain: properties and `required` joined, the first type and bounds kept;
   * `parts` are the pointers of the referenced schemas it joined, for recursion to be seen through the chain.
   * A property or `items` that several parts describe must satisfy each of them (a wrapper's `data: array of
   * object`, narrowed by the next part to an array of `Station`): it becomes the `allOf` of their schemas.
   */
  private flattenAllOf(schema: Schema): { merged: Schema; parts: string[] } {
    const merged: Schema = {};
    const pointers: string[] = [];
    const properties = new Map<string, unknown[]>();
    const items: unknown[] = [];
    const required = new Set<string>();
    // Each part joined once, however many paths of the chain reach it: linear in the schemas, cycles included.
    const joined = new Set<unknown>();
    const visit = (node: unknown) => {
      const { node: part, pointer = "" } = deref(this.document, node);
      if (!isRecord(part) || joined.has(part)) return;
      joined.add(part);
      if (pointer !== "") pointers.push(pointer);
      const { allOf, properties: own, required: needed, items: item, ...rest } = part;
      for (const [keyword, value] of Object.entries(rest)) if (!(keyword in merged)) merged[keyword] = value;
      if (isRecord(own))
        for (const name of Object.keys(own)) properties.set(name, [...(properties.get(name) ?? []), own[name]]);
      if (item !== undefined) items.push(item);
      if (Array.isArray(needed)) for (const name of needed) required.add(String(name));
      if (Array.isArray(allOf)) for (const inner of allOf) visit(inner);
    };
    visit(schema);
    if (properties.size > 0) {
      merged.properties = Object.fromEntries([...properties].map(([name, schemas]) => [name, allOfJoined(schemas)]));
      merged.type ??= "object";
    }
    if (items.length > 0) merged.items = allOfJoined(items);
    if (required.size > 0) merged.required = [...required];
    return { merged, parts: pointers };
  }
}

/** The one schema, or a schema that all of them must hold for. */
function allOfJoined(schemas: unknown[]): unknown {
  return schemas.length === 1 ? schemas[0] : { allOf: schemas };
}

function literalValue(schema: Schema): { value: unknown } | undefined {
  if ("const" in schema) return { value: schema.const };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const nonNull = schema.enum.find((value) => value !== null);
    return { value: nonNull === undefined ? schema.enum[0] : nonNull };
  }
  // An example is the spec author's own value: used for scalars, where it is small and often needed (a pattern),
  // when it has the schema's type and no format that a known sample satisfies for sure.
  const type = schemaType(schema);
  if (type === "object" || type === "array" || type === undefined) return undefined;
  if (typeof schema.format === "string" && schema.format in formatSamples) return undefined;
  const candidates = [schema.example, ...(Array.isArray(schema.examples) ? schema.examples : []), schema.default];
  const value = candidates.find((candidate) => hasType(candidate, type) && withinBounds(schema, candidate));
  return value === undefined ? undefined : { value };
}

/** Whether a scalar keeps the schema's length, pattern and range: spec examples often break them. */
function withinBounds(schema: Schema, value: unknown): boolean {
  const bound = (keyword: string) => (typeof schema[keyword] === "number" ? (schema[keyword] as number) : undefined);
  if (typeof value === "string") {
    const length = [...value].length;
    return (
      length >= (bound("minLength") ?? 0) &&
      length <= (bound("maxLength") ?? Infinity) &&
      (typeof schema.pattern !== "string" || acceptedBy(schema.pattern, value))
    );
  }
  if (typeof value === "number")
    return value >= (bound("minimum") ?? -Infinity) && value <= (bound("maximum") ?? Infinity);
  return true;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}

function schemaType(schema: Schema): string | undefined {
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (type): type is string => typeof type === "string",
  );
  const type = types.find((candidate) => candidate !== "null") ?? types[0];
  if (type !== undefined) return type;
  if (isRecord(schema.properties) || schema.additionalProperties !== undefined) return "object";
  if (schema.items !== undefined || schema.prefixItems !== undefined) return "array";
  return undefined;
}

function sampleString(schema: Schema): string {
  const known = typeof schema.format === "string" ? formatSamples[schema.format] : undefined;
  const spellings = known === undefined ? [] : typeof known === "string" ? [known] : known;
  // Formats are case-insensitive where a pattern may not be (a GUID's `[0-9A-F]`): each spelling in upper case too.
  const fitting = spellings
    .flatMap((spelling) => [spelling, spelling.toUpperCase()])
    .find((candidate) => withinBounds(schema, candidate));
  if (fitting !== undefined) return fitting;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  const matching = typeof schema.pattern === "string" ? samplePattern(schema.pattern, minLength, maxLength) : undefined;
  if (matching !== undefined) return matching;
  let value = spellings[0] ?? "string";
  if (value.length < minLength) value = value.padEnd(minLength, "s");
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}

/** Whether `pattern` (as ajv reads it) accepts `value`; a pattern that is no ECMAScript expression is ignored. */
function acceptedBy(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

function sampleNumber(schema: Schema, integer: boolean): number {
  const step = typeof schema.multipleOf === "number" && schema.multipleOf > 0 ? schema.multipleOf : integer ? 1 : 0;
  let low = -Infinity;
  if (typeof schema.minimum === "number") low = schema.minimum;
  if (typeof schema.exclusiveMinimum === "number") low = Math.max(low, schema.exclusiveMinimum + (step || 1));
  else if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") low = schema.minimum + (step || 1);
  let high = Infinity;
  if (typeof schema.maximum === "number") high = schema.maximum;
  if (typeof schema.exclusiveMaximum === "number") high = Math.min(high, schema.exclusiveMaximum - (step || 1));
  else if (schema.exclusiveMaximum === true && typeof schema.maximum === "number") high = schema.maximum - (step || 1);
  let value = Math.min(Math.max(0, low), high);
  if (step > 0) value = Math.ceil(value / step) * step;
  return value;
}

/**
 * A scalar's value; for an array or an object (reached past the hard depth), the simplest one, valid only
 * where little is required.
 */
function minimalScalar(schema: Schema): unknown {
  switch (schemaType(schema)) {
    case "array":
      return [];
    case "string":
      return sampleString(schema);
    case "integer":
    case "number":
      return sampleNumber(schema, schemaType(schema) === "integer");
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return {};
  }
}
