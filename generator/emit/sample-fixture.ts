// A value that satisfies a schema, synthesized at generation time for the generated tests to serve or send, and
// bounded whatever the schema: a few optional properties only near the root, one item per array (or `minItems`), and
// past a depth or on re-entering a schema already being sampled (recursion, long `allOf` chains) only what the
// schema requires. Deterministic: the same schema gives the same value. A schema no value satisfies (a `type: 'null'`
// beside `oneOf: [string, number]`, an allOf of a string and a null) is found and reported, not sampled as if it
// were valid: an optional property with such a schema is left out, a `oneOf` branch skipped, an array left empty.
import type { OpenApiDocument } from "../bundle.js";
import { acceptsNull, declaresNull, deref, isNullSchema, isRecord } from "../spec/index.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
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

/** A schema that admits no value, and why. */
export interface Unsatisfiable {
  /** The schema object, a node of the document (or the part of it the sampler joined from an allOf). */
  schema: object;
  reason: string;
}

export interface Sample {
  /** A value that satisfies the schema; where none does, the closest the sampler finds. */
  value: unknown;
  /** Set when no value satisfies the schema: the schema, inside it, that admits none. */
  unsatisfiable?: Unsatisfiable;
  /** Every schema met that admits no value, including those the sample could do without (an optional property). */
  found: Unsatisfiable[];
}

export function sampleSchema(document: OpenApiDocument, schema: unknown, direction: Direction): unknown {
  return sampleSchemaChecked(document, schema, direction).value;
}

export function sampleSchemaChecked(document: OpenApiDocument, schema: unknown, direction: Direction): Sample {
  const found: Unsatisfiable[] = [];
  try {
    return { value: new Sampler(document, direction, found).sample(schema, 0, []), found };
  } catch (error) {
    if (!(error instanceof NoValue)) throw error;
    return { value: new Sampler(document, direction).sample(schema, 0, []), unsatisfiable: error.found, found };
  }
}

/** Thrown through the sampler where a schema admits no value, up to where it can do without one. */
class NoValue {
  constructor(readonly found: Unsatisfiable) {}
}

class Sampler {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly direction: Direction,
    /** Where the schemas that admit no value are collected; without it, they are sampled as best the sampler can. */
    private readonly found?: Unsatisfiable[],
  ) {}

  /** `fallback`'s value when sampling leniently; else the schema is recorded and sampling stops at it. */
  private noValue(schema: object, reason: string, fallback: () => unknown): unknown {
    if (this.found === undefined) return fallback();
    const found = { schema: origins.get(schema) ?? schema, reason };
    this.found.push(found);
    throw new NoValue(found);
  }

  /** What `sampling` gives, or `undefined` where the schema admits no value (when the sampler checks). */
  private attempt(sampling: () => unknown): { value: unknown } | undefined {
    try {
      return { value: sampling() };
    } catch (error) {
      if (error instanceof NoValue) return undefined;
      throw error;
    }
  }

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
    const types = declaredTypes(schema);
    const literal = literalValue(schema, types);
    if (literal === "none")
      return this.noValue(
        schema,
        `none of its ${"const" in schema ? "const" : "enum"} values has its type`,
        () => (literalValue(schema, undefined) as { value: unknown }).value,
      );
    if (literal !== undefined) return literal.value;
    // Deep down, null where allowed ends a chain that every level requires (a `parent` that is a nullable Task).
    if (depth >= MINIMAL_DEPTH && declaresNull(schema) && this.compositionsAcceptNull(schema)) return null;
    if (Array.isArray(schema.allOf)) {
      const { merged, parts, partTypes } = this.flattenAllOf(schema);
      const joined = partTypes.reduce<Set<string> | undefined>(intersectTypes, undefined);
      if (joined?.size === 0)
        return this.noValue(schema, `its allOf joins the types ${describeTypes(partTypes)}, which share no value`, () =>
          this.sampleSchemaObject(merged, depth, [...within, ...parts]),
        );
      if (joined !== undefined) merged.type = [...joined];
      delete merged.nullable;
      const recursive = parts.some((part) => within.includes(part));
      return this.sampleSchemaObject(merged, recursive ? Math.max(depth, MINIMAL_DEPTH) : depth, [...within, ...parts]);
    }
    const keyword = Array.isArray(schema.oneOf) ? "oneOf" : Array.isArray(schema.anyOf) ? "anyOf" : undefined;
    const alternatives: unknown[] = keyword === undefined ? [] : (schema[keyword] as unknown[]);
    const branches = alternatives.filter((branch) => !isNullSchema(deref(this.document, branch).node));
    // Deep down, a null branch ends the chain; elsewhere a value says more.
    if (depth >= MINIMAL_DEPTH && branches.length < alternatives.length && (types === undefined || types.has("null")))
      return null;
    if (alternatives.length > 0) {
      const { oneOf: _oneOf, anyOf: _anyOf, ...local } = schema;
      // The branches whose type the schema's own admits, and among them first one that does not lead back into a
      // schema being sampled, when there is one: it ends the recursion. A null branch only where no other fits.
      const fitting = [...branches, ...alternatives.filter((branch) => !branches.includes(branch))].filter(
        (branch) => intersectTypes(types, branchTypes(this.document, branch))?.size !== 0,
      );
      const ordered = [
        ...fitting.filter((branch) => !within.includes(deref(this.document, branch).pointer ?? "")),
        ...fitting.filter((branch) => within.includes(deref(this.document, branch).pointer ?? "")),
      ];
      const own = Object.keys(local).some((keyword) => ["properties", "type", "items"].includes(keyword))
        ? () => this.sampleSchemaObject(local, depth, within)
        : undefined;
      for (const branch of ordered) {
        const chosen = this.attempt(() => this.sample(branch, depth, within));
        if (chosen === undefined) continue;
        const ownValue = own?.();
        if (isRecord(ownValue) && isRecord(chosen.value)) return { ...ownValue, ...chosen.value };
        if (types === undefined || hasAllowedType(chosen.value, types)) return chosen.value;
        // A branch that names no type of its own (`format: date` under `type: string`) holds with the schema's.
        const { node, pointer } = deref(this.document, branch);
        if (!isRecord(node) || declaredTypes(node) !== undefined) continue;
        const joined = this.attempt(() =>
          this.sampleSchemaObject({ ...local, ...node }, depth, pointer ? [...within, pointer] : within),
        );
        if (joined !== undefined && hasAllowedType(joined.value, types)) return joined.value;
      }
      const reason =
        fitting.length === 0
          ? `its type ${describeTypes([types])} admits none of its ${keyword} branches`
          : `none of its ${keyword} branches admits a value`;
      return this.noValue(schema, reason, () => this.sampleSchemaObject(local, depth, within));
    }
    switch (schemaType(schema)) {
      case "object":
        return this.sampleObject(schema, depth, within);
      case "array":
        return this.sampleArray(schema, depth, within);
      case "string":
        return this.sampleString(schema);
      default:
        return minimalScalar(schema);
    }
  }

  /**
   * A string with the schema's format, pattern and length (sampleString tries each spelling of the format, then
   * the pattern's own sample). Where none has them all (Microsoft Graph's `format: time` beside a pattern that
   * allows no zone, which JSON Schema's time requires), null if the schema admits it, else none.
   */
  private sampleString(schema: Schema): unknown {
    const value = sampleString(schema);
    if (withinBounds(value, schema) && hasFormat(value, schema.format)) return value;
    if (declaresNull(schema)) return null;
    return this.noValue(
      schema,
      `no string has its format "${String(schema.format)}", its pattern and its length`,
      () => value,
    );
  }

  /** Whether null satisfies the schema's oneOf/anyOf/allOf, where it has them. */
  private compositionsAcceptNull(schema: Schema): boolean {
    const some = (keyword: string) =>
      !Array.isArray(schema[keyword]) ||
      (schema[keyword] as unknown[]).some((branch) => acceptsNull(this.document, branch));
    const every = !Array.isArray(schema.allOf) || schema.allOf.every((part) => acceptsNull(this.document, part));
    return some("oneOf") && some("anyOf") && every;
  }

  private sampleObject(schema: Schema, depth: number, within: readonly string[]): Record<string, unknown> {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const result: Record<string, unknown> = {};
    let optional = depth < OPTIONAL_DEPTH ? OPTIONAL_PROPERTIES : 0;
    for (const name of Object.keys(properties)) {
      if (!required.has(name) && optional-- <= 0) continue;
      // A required one is sampled all the same: the types require it, and so does validation, which knows no direction
      // (Jira's required `position`, writeOnly through its allOf, in a response).
      if (!required.has(name) && this.marked(properties[name], this.direction === "request" ? "readOnly" : "writeOnly"))
        continue;
      if (required.has(name)) {
        result[name] = this.sample(properties[name], depth + 1, within);
        continue;
      }
      // An optional property whose schema admits no value is left out, as a valid instance must.
      const sampled = this.attempt(() => this.sample(properties[name], depth + 1, within));
      if (sampled !== undefined) result[name] = sampled.value;
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
    const count = Math.max(length, tuple.length);
    // Items whose schema admits no value: only the empty array, where it may be empty.
    if (
      count > 0 &&
      tuple.length === 0 &&
      minItems === 0 &&
      this.attempt(() => this.sample(schema.items ?? {}, depth + 1, within)) === undefined
    )
      return [];
    return Array.from({ length: count }, (_, index) =>
      this.sample(tuple[index] ?? schema.items ?? {}, depth + 1, within),
    );
  }

  /**
   * One object schema from an `allOf` chain: properties and `required` joined, the first type and bounds kept;
   * `parts` are the pointers of the referenced schemas it joined, for recursion to be seen through the chain.
   * A property or `items` that several parts describe must satisfy each of them (a wrapper's `data: array of
   * object`, narrowed by the next part to an array of `Station`): it becomes the `allOf` of their schemas.
   */
  private flattenAllOf(schema: Schema): { merged: Schema; parts: string[]; partTypes: (Set<string> | undefined)[] } {
    const merged: Schema = {};
    const partTypes: (Set<string> | undefined)[] = [];
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
      partTypes.push(declaredTypes(part));
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
    origins.set(merged, schema);
    return { merged, parts: pointers, partTypes };
  }
}

/** The schema of the document a schema the sampler joined (an allOf) was made from, to report it by its pointer. */
const origins = new WeakMap<object, object>();

/** The one schema, or a schema that all of them must hold for. */
function allOfJoined(schemas: unknown[]): unknown {
  if (schemas.length === 1) return schemas[0];
  const joined = { allOf: schemas };
  if (isRecord(schemas[0])) origins.set(joined, origins.get(schemas[0]) ?? schemas[0]);
  return joined;
}

/**
 * The value an enum, a const or an example gives; "none" when the schema's own type admits none of its enum or
 * const values (checked only when `types` is given).
 */
function literalValue(schema: Schema, types: Set<string> | undefined): { value: unknown } | "none" | undefined {
  const allowed = (value: unknown) => types === undefined || hasAllowedType(value, types);
  if ("const" in schema) return allowed(schema.const) ? { value: schema.const } : "none";
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const values = schema.enum.filter(allowed);
    if (values.length === 0) return "none";
    const nonNull = values.find((value) => value !== null);
    return { value: nonNull === undefined ? values[0] : nonNull };
  }
  // An example is the spec author's own value: used for scalars, where it is small and often needed (a pattern),
  // when it has the schema's type, keeps within its bounds (Linode's 37-character example of a `maxLength: 30`
  // label), and has no format that a known sample satisfies for sure.
  const type = schemaType(schema);
  if (type === "object" || type === "array" || type === undefined) return undefined;
  if (typeof schema.format === "string" && schema.format in formatSamples) return undefined;
  const candidates = [schema.example, ...(Array.isArray(schema.examples) ? schema.examples : []), schema.default];
  const value = candidates.find((candidate) => hasType(candidate, type) && withinBounds(candidate, schema));
  return value === undefined ? undefined : { value };
}

/** Whether a string or a number keeps the schema's length, pattern, range and multiple (as ajv reads them). */
function withinBounds(value: unknown, schema: Schema): boolean {
  if (typeof value === "string") {
    const length = [...value].length;
    if (typeof schema.minLength === "number" && length < schema.minLength) return false;
    if (typeof schema.maxLength === "number" && length > schema.maxLength) return false;
    return typeof schema.pattern !== "string" || matchesPattern(value, schema.pattern);
  }
  if (typeof value !== "number") return true;
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
  if (typeof minimum === "number" && (value < minimum || (exclusiveMinimum === true && value === minimum)))
    return false;
  if (typeof maximum === "number" && (value > maximum || (exclusiveMaximum === true && value === maximum)))
    return false;
  if (typeof exclusiveMinimum === "number" && value <= exclusiveMinimum) return false;
  if (typeof exclusiveMaximum === "number" && value >= exclusiveMaximum) return false;
  return typeof multipleOf !== "number" || multipleOf <= 0 || Number.isInteger(value / multipleOf);
}

/**
 * Whether a string has the format as the harness's ajv-formats checks it: with the definitions its default ("full")
 * mode adds, read as ajv's `format` keyword reads them. An unknown format, or one for numbers, constrains nothing.
 * Not an ajv schema compiled per format: that cost 30 ms of a run.
 */
function hasFormat(value: string, format: unknown): boolean {
  if (typeof format !== "string" || !Object.hasOwn(fullFormats, format)) return true;
  const definition = fullFormats[format as keyof typeof fullFormats];
  if (typeof definition !== "object" || definition instanceof RegExp) return test(definition, value);
  return (definition.type ?? "string") !== "string" || test(definition.validate, value);
}

/** A definition's check: a pattern, a function, or `true` (password, binary), which every string passes. */
function test(check: RegExp | string | boolean | ((value: never) => unknown), value: string): boolean {
  if (check instanceof RegExp) return check.test(value);
  return typeof check === "function" ? Boolean(check(value as never)) : true;
}

/** A pattern that is no ECMAScript expression constrains nothing, as the harness's ajv reads it. */
function matchesPattern(value: string, pattern: string): boolean {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

/**
 * The JSON types a schema's own `type` admits (with `null` for 3.0's `nullable: true`); undefined when it names
 * none, which admits every type.
 */
function declaredTypes(schema: unknown): Set<string> | undefined {
  if (!isRecord(schema)) return undefined;
  const { type } = schema;
  const named =
    typeof type === "string" ? [type] : Array.isArray(type) ? type.filter((t) => typeof t === "string") : [];
  if (named.length === 0) return undefined;
  const types = new Set<string>(named);
  if (schema.nullable === true) types.add("null");
  return types;
}

/** The types a oneOf/anyOf branch admits, by its own `type` (after its `$ref`s), or its enum or const values. */
function branchTypes(document: OpenApiDocument, branch: unknown): Set<string> | undefined {
  const { node } = deref(document, branch);
  if (!isRecord(node)) return undefined;
  const declared = declaredTypes(node);
  if (declared !== undefined) return declared;
  const values = "const" in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
  return values && new Set(values.map(typeOfValue));
}

/** The types both admit (`integer` within `number`); undefined admits every type. */
function intersectTypes(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const both = new Set<string>();
  for (const type of a) {
    if (b.has(type)) both.add(type);
    else if (type === "integer" && b.has("number")) both.add("integer");
    else if (type === "number" && b.has("integer")) both.add("integer");
  }
  return both;
}

function describeTypes(types: readonly (Set<string> | undefined)[]): string {
  return types
    .filter((set): set is Set<string> => set !== undefined)
    .map((set) => [...set].map((type) => `"${type}"`).join(" | "))
    .join(", ");
}

function typeOfValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasAllowedType(value: unknown, types: Set<string>): boolean {
  const type = typeOfValue(value);
  return types.has(type) || (type === "integer" && types.has("number"));
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
    .find((candidate) => withinBounds(candidate, schema) && hasFormat(candidate, schema.format));
  if (fitting !== undefined) return fitting;
  const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : Infinity;
  const matching = typeof schema.pattern === "string" ? samplePattern(schema.pattern, minLength, maxLength) : undefined;
  if (matching !== undefined) return matching;
  let value = spellings[0] ?? "string";
  if (value.length < minLength) value = value.padEnd(minLength, "s");
  return value.length > maxLength ? value.slice(0, maxLength) : value;
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
