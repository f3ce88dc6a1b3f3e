// Where a spec refers to another document, found by walking it as OpenAPI types it (Redocly's type tree,
// the one its linter walks). Only reference positions count: a `$ref` inside an example value, a
// default, an enum or an `x-` extension is literal data, and `externalValue`, link `operationRef`,
// `$id`, `$schema` and `jsonSchemaDialect` are never followed by unitask at all.
import { isRef, normalizeTypes, Oas3_1Types, Oas3Types } from "@redocly/openapi-core";
import { escapePointerToken } from "./pointer.js";

export interface ReferenceSite {
  /** Pointer of the value that refers: the `$ref` member, or the discriminator mapping entry. */
  pointer: string;
  ref: string;
  kind: "$ref" | "mapping";
}

type NormalizedNodeType = ReturnType<typeof normalizeTypes>[string];
type PropType = NormalizedNodeType["properties"][string];

let typeTrees: { "3.0": NormalizedNodeType; "3.1": NormalizedNodeType } | undefined;

function rootType(document: unknown): NormalizedNodeType {
  typeTrees ??= {
    "3.0": normalizeTypes(Oas3Types).Root!,
    "3.1": normalizeTypes(Oas3_1Types).Root!,
  };
  const version = (document as { openapi?: unknown } | null)?.openapi;
  return typeof version === "string" && version.startsWith("3.1") ? typeTrees["3.1"] : typeTrees["3.0"];
}

function isNamedType(type: unknown): type is NormalizedNodeType {
  return type !== null && typeof type === "object" && typeof (type as { name?: unknown }).name === "string";
}

/** Every reference of an OpenAPI document, in document order. Iterative: real specs nest deeply. */
export function findReferences(document: unknown): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  const stack: [unknown, NormalizedNodeType, string][] = [[document, rootType(document), "#"]];
  while (stack.length > 0) {
    const [node, type, pointer] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const children: [unknown, NormalizedNodeType, string][] = [];
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        const itemType = resolveType(type.items, item, String(index));
        if (isNamedType(itemType)) children.push([item, itemType, `${pointer}/${index}`]);
      });
    } else {
      if (isRef(node)) sites.push({ pointer: `${pointer}/$ref`, ref: node.$ref, kind: "$ref" });
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" || (type.extensionsPrefix !== undefined && key.startsWith(type.extensionsPrefix))) continue;
        const declared = Object.hasOwn(type.properties, key) ? type.properties[key] : type.additionalProperties;
        const propType = resolveType(declared, value, key);
        const childPointer = `${pointer}/${escapePointerToken(key)}`;
        if (isNamedType(propType)) children.push([value, propType, childPointer]);
        else if (propType?.directResolveAs && typeof value === "string")
          sites.push({ pointer: childPointer, ref: value, kind: "mapping" });
      }
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return sites;
}

function resolveType(declared: PropType | undefined, value: unknown, key: string) {
  return typeof declared === "function" ? declared(value, key) : declared;
}
