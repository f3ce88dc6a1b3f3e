// A spec walked as OpenAPI types it (Redocly's type tree, the one its linter walks): every value in a
// typed position is visited with its type's name (`Schema`, `Parameter`, `DiscriminatorMapping`…).
// Literal data is not walked: an example value, a default, an enum, an `x-` extension, or any key
// the type does not know. Iterative: real specs nest deeply.
import { normalizeTypes, Oas3_1Types, Oas3Types } from "@redocly/openapi-core";
import { escapePointerToken, PointerPath } from "./pointer.js";
import { isRecord } from "./schema.js";

type NormalizedNodeType = ReturnType<typeof normalizeTypes>[string];
type PropType = NormalizedNodeType["properties"][string];

export interface TypedNode {
  readonly value: unknown;
  /** The OpenAPI type of the position, e.g. `Schema`, `MediaType`, `DiscriminatorMapping`. */
  readonly type: string;
  readonly pointer: string;
  /** The object or array holding the value, and its key there; absent for the document itself. */
  readonly parent?: Record<string, unknown> | unknown[];
  readonly key?: string | number;
}

/** A visited position, whose pointer is built when first read. */
class WalkedNode extends PointerPath implements TypedNode {
  constructor(
    readonly value: unknown,
    readonly type: string,
    holder?: WalkedNode,
    readonly parent?: Record<string, unknown> | unknown[],
    key?: string | number,
  ) {
    super(holder, key);
  }
}

export interface ReferenceSite {
  /** Pointer of the value that refers: the `$ref` member, or the discriminator mapping entry. */
  pointer: string;
  ref: string;
  kind: "$ref" | "mapping";
}

let typeTrees: { "3.0": Record<string, NormalizedNodeType>; "3.1": Record<string, NormalizedNodeType> } | undefined;

/** The type named `name` (`Root`, `Schema`…) in the type tree of the document's OpenAPI version. */
function namedType(document: unknown, name: string): NormalizedNodeType | undefined {
  typeTrees ??= { "3.0": normalizeTypes(Oas3Types), "3.1": normalizeTypes(Oas3_1Types) };
  const version = (document as { openapi?: unknown } | null)?.openapi;
  return (typeof version === "string" && version.startsWith("3.1") ? typeTrees["3.1"] : typeTrees["3.0"])[name];
}

function isNamedType(type: unknown): type is NormalizedNodeType {
  return type !== null && typeof type === "object" && typeof (type as { name?: unknown }).name === "string";
}

function resolveType(declared: PropType | undefined, value: unknown, key: string) {
  return typeof declared === "function" ? declared(value, key) : declared;
}

/**
 * Calls `visit` for the document and every value in a typed position, parents before children, in
 * document order. A discriminator mapping's entries are visited as `DiscriminatorMappingRef` when the
 * value names a document (Redocly's rule: it contains `/` or starts with `#`).
 */
export function walkTyped(
  document: unknown,
  visit: (node: TypedNode) => void,
  /** Called for each object or array in an untyped position (literal data), which is not walked further. */
  visitLiteral?: (value: object, pointer: string) => void,
  /** A value of `document` to walk instead, as the type named here (`Schema`), with pointers relative to it. */
  from?: { value: unknown; type: string },
): void {
  const stack: [WalkedNode, NormalizedNodeType | undefined][] = [
    [new WalkedNode(from ? from.value : document, from?.type ?? "Root"), namedType(document, from?.type ?? "Root")],
  ];
  while (stack.length > 0) {
    const [node, type] = stack.pop()!;
    visit(node);
    const { value } = node;
    if (type === undefined || value === null || typeof value !== "object") continue;
    const children: [WalkedNode, NormalizedNodeType | undefined][] = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemType = resolveType(type.items, item, String(index));
        if (isNamedType(itemType)) children.push([new WalkedNode(item, itemType.name, node, value, index), itemType]);
        else if (item !== null && typeof item === "object") visitLiteral?.(item, `${node.pointer}/${index}`);
      });
    } else {
      const record = value as Record<string, unknown>;
      for (const [key, child] of Object.entries(record)) {
        if (key === "$ref") continue;
        // Redocly's precedence: a declared type wins (GitHub's `x-webhooks` is one); an undeclared key,
        // an `x-` extension among them, holds literal data.
        const declared = Object.hasOwn(type.properties, key) ? type.properties[key] : type.additionalProperties;
        const propType = resolveType(declared, child, key);
        if (isNamedType(propType)) children.push([new WalkedNode(child, propType.name, node, record, key), propType]);
        else if (propType?.directResolveAs)
          children.push([new WalkedNode(child, "DiscriminatorMappingRef", node, record, key), undefined]);
        else if (child !== null && typeof child === "object")
          visitLiteral?.(child, `${node.pointer}/${escapePointerToken(key)}`);
      }
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

/** An OpenAPI document, as opposed to a file of schemas it refers to (whose type depends on the `$ref`). */
export function isOpenApiDocument(document: unknown): boolean {
  return isRecord(document) && typeof document.openapi === "string";
}

/**
 * Every reference of a document, in document order: in reference positions of an OpenAPI document; in
 * any other file a spec refers to, whose types are unknown, every `$ref`, and every entry of a
 * `discriminator`'s `mapping` that names a document (which Redocly's bundler follows there too).
 */
export function findReferences(
  document: unknown,
  /** A value of the document to search instead, as the type named here; pointers are relative to it. */
  from?: { value: unknown; type: string },
): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  if (!isOpenApiDocument(document)) {
    const stack: [unknown, string][] = [[from ? from.value : document, "#"]];
    while (stack.length > 0) {
      const [node, pointer] = stack.pop()!;
      if (!isRecord(node) && !Array.isArray(node)) continue;
      if (isRecord(node) && Object.hasOwn(node, "$ref") && typeof node.$ref === "string")
        sites.push({ pointer: `${pointer}/$ref`, ref: node.$ref, kind: "$ref" });
      if (isRecord(node) && pointer.endsWith("/discriminator/mapping"))
        for (const [key, ref] of Object.entries(node))
          if (typeof ref === "string" && (ref.includes("/") || ref.startsWith("#")))
            sites.push({ pointer: `${pointer}/${escapePointerToken(key)}`, ref, kind: "mapping" });
      const entries = Object.entries(node);
      for (let index = entries.length - 1; index >= 0; index--)
        stack.push([entries[index]![1], `${pointer}/${escapePointerToken(entries[index]![0])}`]);
    }
    return sites;
  }
  walkTyped(
    document,
    (node) => {
      const { value } = node;
      if (node.type === "DiscriminatorMappingRef" && typeof value === "string")
        sites.push({ pointer: node.pointer, ref: value, kind: "mapping" });
      else if (isRecord(value) && Object.hasOwn(value, "$ref") && typeof value.$ref === "string")
        sites.push({ pointer: `${node.pointer}/$ref`, ref: value.$ref, kind: "$ref" });
    },
    undefined,
    from,
  );
  return sites;
}
