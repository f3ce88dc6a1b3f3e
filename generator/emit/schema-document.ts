// The document openapi-typescript is given: a copy of the bundled spec, rewritten where openapi-typescript
// would emit types that tsc rejects or would read literal data as schemas. Meaning is kept: each rewrite
// replaces a construct by an equivalent one it handles.
import type { OpenApiDocument } from "../bundle.js";
import { decodeUriText, findReferences, isRecord, parsePointer, resolvePointer, walkTyped } from "../spec/index.js";

/** Passes of inlining before a reference that keeps reaching non-component targets is given up as a loop. */
const MAX_INLINE_PASSES = 16;

export function prepareForTypes(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  dropObjectEnums(copy);
  inlineNestedReferences(copy);
  return copy;
}

/**
 * openapi-typescript reads the values of an enum on a `type: object` schema as schemas (a oneOf), so an
 * enum value such as `{ $ref: … }` crashes it; the object type without the enum is what it can express.
 */
function dropObjectEnums(document: OpenApiDocument): void {
  walkTyped(document, ({ value, type }) => {
    if (type === "Schema" && isRecord(value) && value.type === "object" && Array.isArray(value.enum) && !value.oneOf)
      delete value.enum;
  });
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
