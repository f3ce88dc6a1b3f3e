// The few reads of the bundled spec that the test emitters need, in one place until generator/spec/ offers them:
// following internal `$ref`s with the pointer reached, an operation's merged parameters, JSON media types.
import type { OpenApiDocument } from "../bundle.js";
import type { OperationModel } from "../model.js";
import { resolvePointer } from "../refs.js";
import { decodeUriText } from "../spec/pointer.js";

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: unknown;
}

/**
 * Follows internal `$ref`s (at most 32), keeping the pointer of the node finally reached, decoded from the URI
 * fragment a `$ref` is (Rev.ai's `#/paths/~1jobs~1%7Bid%7D/…`).
 */
export function deref(document: OpenApiDocument, node: unknown, pointer = ""): { node: unknown; pointer: string } {
  for (let depth = 0; depth < 32; depth++) {
    const ref = (node as { $ref?: unknown } | null | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#")) break;
    pointer = decodeUriText(ref);
    node = resolvePointer(document, pointer);
  }
  return { node, pointer };
}

/** Path-level parameters overridden by operation-level ones with the same `in` and `name`. */
export function operationParameters(document: OpenApiDocument, operation: OperationModel): Parameter[] {
  const pathItemPointer = operation.pointer.slice(0, operation.pointer.lastIndexOf("/"));
  const byKey = new Map<string, Parameter>();
  for (const pointer of [`${pathItemPointer}/parameters`, `${operation.pointer}/parameters`]) {
    const list = resolvePointer(document, pointer);
    for (const entry of Array.isArray(list) ? list : []) {
      const parameter = deref(document, entry).node as Parameter | undefined;
      if (parameter?.name && parameter.in) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return essence.endsWith("/json") || essence.endsWith("+json");
}
