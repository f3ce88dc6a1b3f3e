// How unitask reads an OpenAPI document: one module, so every stage means the same by a pointer, a
// `$ref`, a null schema or an operation's parameters. Pure functions over plain parsed documents.
//
// - pointer.ts     JSON pointers (RFC 6901, `~0`/`~1`), `$ref` fragments (percent-decoded), lookup by own keys
// - deref.ts       following local `$ref` chains to the node and the pointer reached, loops detected
// - walk.ts        the document walked as OpenAPI types it (literal data skipped), and its references
// - schema.ts      schema predicates: isRecord, isNullSchema (the one null-schema test), acceptsNull, declaresNull
// - operations.ts  HTTP_METHODS, listOperations, mergeParameters (path item + operation, OpenAPI's rule)
// - media-types.ts isJsonMediaType, carriesNoContent (the runtime's own rules)
// Names for generated identifiers (camelCase, pascalCase) live in generator/naming.ts, the one place.
export { deref, refOf, type Dereferenced } from "./deref.js";
export { carriesNoContent, isContentFreeStatus, isJsonMediaType, spansContentFreeSuccess } from "./media-types.js";
export {
  HTTP_METHODS,
  listOperations,
  mergeParameters,
  type HttpMethod,
  type OperationSite,
  type ParameterObject,
} from "./operations.js";
export {
  decodeUriText,
  escapePointerToken,
  parsePointer,
  PointerPath,
  resolveLocalRef,
  resolvePointer,
  toPointer,
} from "./pointer.js";
export { findReferences, isOpenApiDocument, walkTyped, type ReferenceSite, type TypedNode } from "./walk.js";
export { acceptsNull, declaresNull, isNullSchema, isRecord, type SchemaObject } from "./schema.js";
