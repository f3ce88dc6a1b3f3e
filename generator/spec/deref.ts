// Following local `$ref`s to the node they name, keeping the pointer reached.
import { decodeUriText, resolveLocalRef } from "./pointer.js";

export interface Dereferenced {
  /** The first node along the chain that is not a local `$ref`; undefined when the chain breaks or loops. */
  node: unknown;
  /** Where `node` sits (`#/components/schemas/Pet`), or `pointer` as given when `node` was no `$ref`. */
  pointer: string | undefined;
}

/**
 * Follows a chain of local `$ref`s (`{ $ref: '#/a' }` → `#/a` → …). A `$ref` to another file or a URL
 * is not followed (the bundled document has none): it comes back as it is.
 */
export function deref(document: unknown, node: unknown, pointer?: string): Dereferenced {
  const seen = new Set<string>();
  let current: Dereferenced = { node, pointer };
  for (;;) {
    const ref = refOf(current.node);
    if (ref === undefined || !ref.startsWith("#")) return current;
    const target = decodeUriText(ref);
    if (seen.has(target)) return { node: undefined, pointer: target };
    seen.add(target);
    current = { node: resolveLocalRef(document, ref), pointer: target };
  }
}

/** The `$ref` string of a reference object, if `node` is one. */
export function refOf(node: unknown): string | undefined {
  const ref =
    node !== null && typeof node === "object" && Object.hasOwn(node, "$ref")
      ? (node as { $ref?: unknown }).$ref
      : undefined;
  return typeof ref === "string" ? ref : undefined;
}
