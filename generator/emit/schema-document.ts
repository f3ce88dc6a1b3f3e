// The document openapi-typescript is given: the bundled spec, rewritten in place where openapi-typescript
// would emit types that tsc rejects or would read literal data as schemas. Meaning is kept: each rewrite
// replaces a construct by an equivalent one it handles.
import type { OpenApiDocument } from "../bundle.js";
import { GenerateError } from "../problems.js";
import { decodeUriText, deref, isRecord, parsePointer, refOf, resolvePointer, walkTyped } from "../spec/index.js";

/**
 * Schema nodes the inlined copies of nested `$ref` targets may add up to: copies nest copies, so a few
 * targets that each use the next twice grow exponentially, and openapi-typescript would type every copy.
 */
const MAX_INLINED_NODES = 1_000_000;

/** Rewrites `document` in place; no other emitter reads it afterwards (provider-files.ts emits schema.ts last). `file` names the spec in errors. */
export function prepareForTypes(document: OpenApiDocument, file: string): OpenApiDocument {
  inlineNestedReferences(document, file);
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
 * siblings kept. Each target is copied once, its own nested `$ref`s already replaced (targets in dependency
 * order, iteratively: real specs nest deeply), and the copies are shared; a `$ref` that leads back into a
 * target being copied (recursion) becomes `{}`, any value.
 */
function inlineNestedReferences(document: OpenApiDocument, file: string): void {
  if (!hasNestedReference(document)) return;
  const sites = nestedReferences(document);
  // What each target holds, found by walking it as the type of the position that uses it: a target under a
  // keyword OpenAPI does not define (`definitions` in 3.0) is literal data to a walk of the document.
  const copies = new Map<string, { copy: unknown; nodes: number }>();
  const open = new Set<string>();
  // Depth-first over targets, each copied after the targets it uses: an explicit stack, not recursion.
  for (const start of sites) {
    const stack: { target: string; pending: NestedReference[] }[] = [];
    const enter = ({ target, type }: NestedReference) => {
      if (copies.has(target) || open.has(target)) return;
      open.add(target);
      const found = nestedReferences(document, { value: resolvePointer(document, target), type });
      stack.push({ target, pending: found });
    };
    enter(start);
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      const next = frame.pending.find(({ target }) => !copies.has(target) && !open.has(target));
      if (next) {
        enter(next);
        continue;
      }
      stack.pop();
      open.delete(frame.target);
      copies.set(frame.target, copyTarget(document, frame.target, frame.pending, copies, file));
    }
  }
  // Every copy is made from the document as written; only now are the document's own `$ref`s replaced.
  let inlined = 0;
  for (const { holder, target } of sites) {
    inlined += copies.get(target)!.nodes;
    if (inlined > MAX_INLINED_NODES) throw inliningTooLarge(file, `${holder}/$ref`);
    replaceReference(resolvePointer(document, holder), copies.get(target)!.copy);
  }
}

interface NestedReference {
  /** Pointer of the object holding the `$ref`. */
  holder: string;
  /** Pointer of the node the `$ref` names. */
  target: string;
  /** The OpenAPI type of the holder's position, e.g. `Schema`, `Parameter`. */
  type: string;
}

/** The `$ref`s to nodes other than named components, in the document or in one of its values walked as `from.type`. */
function nestedReferences(document: OpenApiDocument, from?: { value: unknown; type: string }): NestedReference[] {
  const found: NestedReference[] = [];
  walkTyped(
    document,
    ({ value, type, pointer }) => {
      if (!isRecord(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return;
      if (!isComponentPointer(refTokens(value.$ref)))
        found.push({ holder: pointer, target: decodeUriText(value.$ref), type });
    },
    undefined,
    from,
  );
  return found;
}

/** A copy of `target` with the nested `$ref`s inside it replaced by their copies (`{}` where not yet made: a cycle). */
function copyTarget(
  document: OpenApiDocument,
  target: string,
  inside: readonly NestedReference[],
  copies: ReadonlyMap<string, { copy: unknown; nodes: number }>,
  file: string,
): { copy: unknown; nodes: number } {
  const original = resolvePointer(document, target);
  if (!isRecord(original)) return { copy: {}, nodes: 1 };
  const copy = structuredClone(original);
  let nodes = countNodes(copy);
  for (const { holder, target: used } of inside) {
    const made = copies.get(used);
    nodes += made?.nodes ?? 1;
    if (nodes > MAX_INLINED_NODES) throw inliningTooLarge(file, `${target}${holder.slice(1)}/$ref`);
    replaceReference(resolvePointer(copy, holder), made?.copy ?? {});
  }
  return { copy, nodes };
}

/** The `$ref` of `holder` replaced by the members of `replacement` it does not have itself. */
function replaceReference(holder: unknown, replacement: unknown): void {
  if (!isRecord(holder)) return;
  delete holder.$ref;
  for (const [key, value] of Object.entries(isRecord(replacement) ? replacement : {}))
    if (!Object.hasOwn(holder, key))
      Object.defineProperty(holder, key, { value, enumerable: true, writable: true, configurable: true });
}

function countNodes(root: unknown): number {
  let count = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    count++;
    if (node !== null && typeof node === "object") for (const value of Object.values(node)) stack.push(value);
  }
  return count;
}

function inliningTooLarge(file: string, pointer: string): GenerateError {
  return new GenerateError([
    {
      code: "nested-refs-too-large",
      severity: "error",
      file,
      pointer,
      message: `inlining the $refs into other schemas' properties, items and definitions would copy more than ${MAX_INLINED_NODES.toLocaleString("en-US")} schema nodes; refer to named components (#/components/schemas/…) instead`,
    },
  ]);
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
      const declared = declaredValues(document, target, site.propertyName);
      const contradicts = declared !== undefined && !values.some((value) => declared.has(value));
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

/** The strings a schema admits: a set, or undefined for any string (or anything: nothing constrains it to strings). */
type Admitted = Set<string> | undefined;

function intersect(a: Admitted, b: Admitted): Admitted {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return new Set([...a].filter((value) => b.has(value)));
}

function union(sets: readonly Admitted[]): Admitted {
  if (sets.some((set) => set === undefined)) return undefined;
  return new Set(sets.flatMap((set) => [...set!]));
}

/**
 * The strings `target` admits for its property `propertyName`, as openapi-typescript's type intersects them: every
 * declaration of the property in the target and, through its allOf, in the schemas it is joined with (a `$ref` to
 * a schema with a discriminator on the same property is omitted there, so it declares nothing).
 */
function declaredValues(document: OpenApiDocument, target: string, propertyName: string): Admitted {
  let admitted: Admitted;
  const seen = new Set<unknown>();
  const stack: unknown[] = [resolvePointer(document, target)];
  while (stack.length > 0) {
    const schema = deref(document, stack.pop()).node;
    if (!isRecord(schema) || seen.has(schema)) continue;
    seen.add(schema);
    if (isRecord(schema.properties) && Object.hasOwn(schema.properties, propertyName))
      admitted = intersect(admitted, admittedStrings(document, schema.properties[propertyName], new Set()));
    for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
      const discriminator = refOf(member) === undefined ? undefined : deref(document, member).node;
      const omitted =
        isRecord(discriminator) &&
        isRecord(discriminator.discriminator) &&
        discriminator.discriminator.propertyName === propertyName;
      if (!omitted) stack.push(member);
    }
  }
  return admitted;
}

/** The strings a property's schema admits, through its `$ref`s, const, enum, type, allOf (all) and oneOf/anyOf (any). */
function admittedStrings(document: OpenApiDocument, node: unknown, within: ReadonlySet<unknown>): Admitted {
  const schema = deref(document, node).node;
  if (!isRecord(schema) || within.has(schema)) return undefined;
  const inner = new Set(within).add(schema);
  let admitted: Admitted;
  if (Object.hasOwn(schema, "const"))
    admitted = intersect(admitted, new Set(typeof schema.const === "string" ? [schema.const] : []));
  if (Array.isArray(schema.enum))
    admitted = intersect(admitted, new Set(schema.enum.filter((value): value is string => typeof value === "string")));
  const { type } = schema;
  if (type !== undefined && type !== "string" && !(Array.isArray(type) && type.includes("string")))
    admitted = new Set();
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : [])
    admitted = intersect(admitted, admittedStrings(document, member, inner));
  for (const keyword of ["oneOf", "anyOf"]) {
    const branches = schema[keyword];
    if (Array.isArray(branches) && branches.length > 0)
      admitted = intersect(admitted, union(branches.map((branch) => admittedStrings(document, branch, inner))));
  }
  return admitted;
}
