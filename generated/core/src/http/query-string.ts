// Copied by unitask from runtime/src/http/query-string.ts. Do not edit: change runtime/src/, then run npm run generate.
// The query string of a call: openapi-fetch's default serialization (an array as repeated `name=`, an object as
// `name[key]=`), carried on into the values it refuses as too deeply nested (an array of objects, an object holding
// an array or an object), which OpenAPI leaves undefined: bracketed keys all the way down, arrays by index
// (`Tag[0][Key]=…`, so each item's fields stay together), as qs writes them and Prism reads a deepObject.

import { createQuerySerializer } from "openapi-fetch";

const serializeFlat = createQuerySerializer();

/** `query` serialized and percent-encoded, without the leading `?`. */
export function serializeQuery(query: Record<string, unknown>): string {
  const names = Object.keys(query);
  if (!names.some((name) => isNested(query[name]))) return serializeFlat(query);
  const pairs: string[] = [];
  for (const name of names) {
    const value = query[name];
    if (isNested(value)) appendNested(pairs, encodeURIComponent(name), value);
    else {
      const flat = serializeFlat({ [name]: value });
      if (flat !== "") pairs.push(flat);
    }
  }
  return pairs.join("&");
}

function isStructured(value: unknown): value is object {
  return Array.isArray(value) || isPlainObject(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An array or object holding an array or object: what openapi-fetch's serializer refuses. */
export function isNested(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isStructured);
  return isPlainObject(value) && Object.values(value).some(isStructured);
}

function appendNested(pairs: string[], key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) value.forEach((item, index) => appendNested(pairs, `${key}[${index}]`, item));
  else if (isPlainObject(value)) {
    for (const [name, item] of Object.entries(value)) appendNested(pairs, `${key}[${encodeURIComponent(name)}]`, item);
  } else pairs.push(`${key}=${encodeURIComponent(String(value))}`);
}
