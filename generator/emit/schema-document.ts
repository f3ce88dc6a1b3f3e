// The document openapi-typescript is given: the bundled spec, rewritten in place where openapi-typescript
// would emit types that tsc rejects or would read literal data as schemas. Meaning is kept: each rewrite
// replaces a construct by an equivalent one it handles.
import type { OpenApiDocument } from "../bundle.js";
import { decodeUriText, findReferences, isRecord, parsePointer, resolvePointer, walkTyped } from "../spec/index.js";

/** Passes of inlining before a reference that keeps reaching non-component targets is given up as a loop. */
const MAX_INLINE_PASSES = 16;

/** Rewrites `document` in place; no other emitter reads it afterwards (provider-files.ts emits schema.ts last). */
export function prepareForTypes(document: OpenApiDocument): OpenApiDocument {
  inlineNestedReferences(document);
  const discriminators: DiscriminatorSite[] = [];
  const extensions: [string, unknown[]][] = [];
  walkTyped(document, (node) => {
    const { value } = node;
    if (node.type !== "Schema" || !isRecord(value)) return;
    dropObjectEnum(value);
    const discriminator = value.discriminator === undefined ? undefined : readDiscriminator(value, node.pointer);
    if (discriminator) discriminators.push(discriminator);
    if (Array.isArray(value.allOf)) extensions.push([node.pointer, value.allOf]);
  });
  dropCollapsingDiscriminators(document, discriminators, extensions);
  return document;
}

/**
 * openapi-typescript reads the values of an enum on a `type: object` schema as schemas (a oneOf), so an
 * enum value such as `{ $ref: … }` crashes it; the object type without the enum is what it can express.
 */
function dropObjectEnum(schema: Record<string, unknown>): void {
  if (schema.type === "object" && Array.isArray(schema.enum) && !schema.oneOf) delete schema.enum;
}

/** `#/components/schemas/Pet` (a named component), not `#/components/schemas/Pet/properties/name`. */
function isComponentPointer(tokens: readonly string[]): boolean {
  return tokens.length === 3 && tokens[0] === "components";
}

/**
 * A `$ref` into another schema's `properties`, `items` or nested definitions becomes, in openapi-typescript,
 * an indexed access (`components["schemas"]["Pet"]["name"]`) that tsc rejects when the property is
 * optional or the node is an array (TS2339). Such a `$ref` is replaced by a copy of its target, its own
 * siblings kept; a target that leads back to itself through such `$ref`s becomes `{}`.
 */
function inlineNestedReferences(document: OpenApiDocument): void {
  if (!hasNestedReference(document)) return;
  for (let pass = 0; ; pass++) {
    const nested = findReferences(document).filter(
      (site) => site.kind === "$ref" && site.ref.startsWith("#/") && !isComponentPointer(refTokens(site.ref)),
    );
    if (nested.length === 0) return;
    for (const site of nested) {
      const holder = resolvePointer(document, site.pointer.slice(0, -"/$ref".length));
      const target = resolvePointer(document, decodeUriText(site.ref));
      if (!isRecord(holder)) continue;
      const replacement = pass < MAX_INLINE_PASSES && isRecord(target) ? structuredClone(target) : {};
      delete holder.$ref;
      for (const [key, value] of Object.entries(replacement))
        if (!Object.hasOwn(holder, key))
          Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
}

function refTokens(ref: string): string[] {
  return parsePointer(decodeUriText(ref));
}

/** Cheap untyped scan first: most specs refer only to named components. */
function hasNestedReference(document: unknown): boolean {
  const stack = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== "object") continue;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !isComponentPointer(refTokens(ref))) return true;
    for (const value of Object.values(node)) stack.push(value);
  }
  return false;
}

interface DiscriminatorSite {
  /** Pointer of the schema holding the discriminator. */
  pointer: string;
  schema: Record<string, unknown>;
  propertyName: string;
  /** Target schema pointer → the values openapi-typescript writes into its discriminator property. */
  injected: Map<string, string[]>;
}

/**
 * openapi-typescript writes a literal discriminator property into each schema a discriminator maps to
 * (the mapping key, else the schema's name). When that literal contradicts the property the schema
 * itself declares (an enum without it, a non-string type), or two discriminators write different
 * literals into one schema, the intersection is `never` and every type built on it collapses (TS2344
 * in code that uses it). Such discriminators are dropped from the document: the union (or allOf) stays, and
 * the property keeps the type the schema declares.
 */
function dropCollapsingDiscriminators(
  document: OpenApiDocument,
  sites: readonly DiscriminatorSite[],
  extensions: readonly [string, unknown[]][],
): void {
  // A schema that extends a discriminated one (allOf: [$ref parent]) gets its name unless a mapping names it.
  const byPointer = new Map(sites.map((site) => [site.pointer, site]));
  for (const [pointer, allOf] of extensions) {
    for (const member of allOf) {
      const parent =
        isRecord(member) && typeof member.$ref === "string" ? byPointer.get(decodeUriText(member.$ref)) : undefined;
      if (parent && !parent.injected.has(pointer)) parent.injected.set(pointer, [refTokens(pointer).at(-1)!]);
    }
  }
  const writers = new Map<string, { site: DiscriminatorSite; values: string[] }[]>();
  for (const site of sites)
    for (const [target, values] of site.injected)
      writers.set(target, [...(writers.get(target) ?? []), { site, values }]);
  const dropped = new Set<DiscriminatorSite>();
  for (const [target, entries] of writers) {
    for (const { site, values } of entries) {
      const declared = declaredValues(document, target, site.propertyName, site.pointer);
      const contradicts =
        declared !== undefined && !values.some((value) => declared === "any-string" || declared.includes(value));
      const disagrees = entries.some((other) => !other.values.some((value) => values.includes(value)));
      if (contradicts || disagrees) dropped.add(site);
    }
  }
  for (const site of dropped) delete site.schema.discriminator;
}

/** A discriminator and the values openapi-typescript would write for it from its mapping and oneOf. */
function readDiscriminator(schema: Record<string, unknown>, pointer: string): DiscriminatorSite | undefined {
  if (!isRecord(schema.discriminator) || typeof schema.discriminator.propertyName !== "string") return undefined;
  const { propertyName, mapping } = schema.discriminator;
  const injected = new Map<string, string[]>();
  for (const [key, ref] of Object.entries(isRecord(mapping) ? mapping : {})) {
    if (typeof ref !== "string" || !ref.startsWith("#/")) continue;
    const target = decodeUriText(ref);
    injected.set(target, [...(injected.get(target) ?? []), key]);
  }
  for (const branch of Array.isArray(schema.oneOf) ? schema.oneOf : []) {
    const ref = isRecord(branch) && typeof branch.$ref === "string" ? decodeUriText(branch.$ref) : undefined;
    if (ref?.startsWith("#/") && !injected.has(ref)) injected.set(ref, [refTokens(ref).at(-1)!]);
  }
  return { pointer, schema, propertyName, injected };
}

/**
 * The string values a schema itself allows for a property (own properties, and allOf members other than
 * the discriminating parent): a list, "any-string", or undefined when it declares nothing. A non-string
 * type allows no string at all.
 */
function declaredValues(
  document: OpenApiDocument,
  target: string,
  propertyName: string,
  parent: string,
): string[] | "any-string" | undefined {
  const schema = resolvePointer(document, target);
  if (!isRecord(schema)) return undefined;
  const members = [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])].filter(
    (member) => !(isRecord(member) && typeof member.$ref === "string" && decodeUriText(member.$ref) === parent),
  );
  for (const member of members) {
    const resolved =
      isRecord(member) && typeof member.$ref === "string"
        ? resolvePointer(document, decodeUriText(member.$ref))
        : member;
    const properties = isRecord(resolved) && isRecord(resolved.properties) ? resolved.properties : undefined;
    if (!properties || !Object.hasOwn(properties, propertyName)) continue;
    let property = properties[propertyName];
    if (isRecord(property) && typeof property.$ref === "string")
      property = resolvePointer(document, decodeUriText(property.$ref));
    if (!isRecord(property)) return undefined;
    if (Object.hasOwn(property, "const")) return typeof property.const === "string" ? [property.const] : [];
    if (Array.isArray(property.enum))
      return property.enum.filter((value): value is string => typeof value === "string");
    if (
      property.type !== undefined &&
      property.type !== "string" &&
      !(Array.isArray(property.type) && property.type.includes("string"))
    )
      return [];
    return "any-string";
  }
  return undefined;
}
