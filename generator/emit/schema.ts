// Emits src/schema.ts: openapi-typescript's types for the whole spec, TSDoc from its descriptions.
// Its transform runs on the document unitask validated and bundled, without openapi-typescript's own
// Redocly pass: that pass re-resolves the document with Redocly's default resolver, which fetches URLs and
// reads files (an example's `externalValue`, a `$ref` in an extension), and crashes on keys like `constructor`.
import {
  astToString,
  scanDiscriminators,
  stringToAST,
  transformSchema,
  type GlobalContext,
  type OpenAPI3,
} from "openapi-typescript";
import ts from "typescript";
import type { OpenApiDocument } from "../bundle.js";
import { deref } from "../spec/index.js";
import { aliasRecursiveSchemas } from "./recursive-types.js";
import { prepareForTypes } from "./schema-document.js";

/** TSDoc for the top-level types openapi-typescript exports, which it leaves undocumented. */
const SCHEMA_DOCS: Record<string, string> = {
  paths: "Every path of the spec: its operations, their parameters, request bodies and responses.",
  webhooks: "The webhooks the spec documents.",
  components: "The spec's reusable components: schemas, responses, parameters, request bodies, headers.",
  $defs: "The JSON Schema `$defs` of the spec.",
  operations: "Every operation of the spec by its operationId: parameters, request body and responses.",
};

/** `specFile` names the spec in errors. */
export function emitSchemaTypes(document: OpenApiDocument, specFile: string): string {
  // Consumed: rewritten for openapi-typescript, which also writes the discriminator properties it infers
  // into what it reads. A copy of a large spec was the largest allocation of a run.
  const schema = prepareForTypes(document, specFile) as unknown as OpenAPI3;
  const ast = aliasRecursiveSchemas(transformSchema(schema, createContext(schema))).map(unionSafeWithRequired);
  for (const node of ast) {
    const name = (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name.text;
    const doc = name ? SCHEMA_DOCS[name] : undefined;
    if (doc) ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `* ${doc} `, true);
  }
  return astToString(ast);
}
/**
 * openapi-typescript types a schema that requires properties of an allOf member as
 * `WithRequired<Member, keys>`, declared `type WithRequired<T, K extends keyof T> = T & { [P in K]-?: T[P] }`.
 * When the member's type is a union (nullable, `type: [object, string]`, properties beside anyOf), `keyof` holds
 * only the keys every member has, `never` with `null` among them, and tsc rejects the keys (TS2344). Distributed
 * over the union, each object member gets the keys required (typed `unknown` where it does not declare them, as
 * JSON Schema's `required` asks only that they be present) and a member that is no object is left as it is,
 * since `required` applies to objects only.
 */
function unionSafeWithRequired(node: ts.Node): ts.Node {
  if (!ts.isTypeAliasDeclaration(node) || node.name.text !== "WithRequired") return node;
  return stringToAST(
    "type WithRequired<T, K extends PropertyKey> = T extends object ? T & { [P in K]-?: P extends keyof T ? T[P] : unknown } : T;",
  )[0] as ts.Node;
}

/** openapi-typescript's defaults, as its own entry point sets them when given no options. */
function createContext(schema: OpenAPI3): GlobalContext {
  return {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, { silent: true }),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Read by none of its transforms; its type asks for a Redocly config.
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: true,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: <T>($ref: string) => deref(schema, { $ref }).node as T | undefined,
  };
}
