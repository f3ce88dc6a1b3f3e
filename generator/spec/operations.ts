// Operations of a spec: the HTTP methods a path item holds, and the parameters an operation takes.
import { deref } from "./deref.js";
import { escapePointerToken } from "./pointer.js";
import { isRecord } from "./schema.js";

/** The methods OpenAPI 3.0 and 3.1 allow in a path item, in the order operations are listed. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface OperationSite {
  path: string;
  method: HttpMethod;
  /** `#/paths/~1tasks~1{task_id}/get` */
  pointer: string;
  /** The path item, its own `$ref` followed. */
  pathItem: Record<string, unknown>;
  operation: Record<string, unknown>;
}

/** Every operation of `document.paths`, paths sorted, methods in HTTP_METHODS order. */
export function listOperations(document: unknown): OperationSite[] {
  const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
  const operations: OperationSite[] = [];
  for (const path of Object.keys(paths).sort()) {
    const pathItem = deref(document, paths[path]).node;
    if (!isRecord(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = Object.hasOwn(pathItem, method) ? pathItem[method] : undefined;
      if (!isRecord(operation)) continue;
      operations.push({ path, method, pointer: `#/paths/${escapePointerToken(path)}/${method}`, pathItem, operation });
    }
  }
  return operations;
}

export interface ParameterObject extends Record<string, unknown> {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
}

/**
 * The parameters an operation takes: the path item's, overridden by the operation's own with the same
 * `name` and `in` (OpenAPI's rule), `$ref`s followed. Order: first declaration wins its place.
 */
export function mergeParameters(document: unknown, pathItem: unknown, operation: unknown): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const owner of [pathItem, operation]) {
    const list = isRecord(owner) ? owner.parameters : undefined;
    for (const entry of Array.isArray(list) ? list : []) {
      const parameter = deref(document, entry).node;
      if (isRecord(parameter) && typeof parameter.name === "string" && typeof parameter.in === "string")
        byKey.set(`${parameter.in}:${parameter.name}`, parameter as ParameterObject);
    }
  }
  return [...byKey.values()];
}
