// Emits src/schema.ts: openapi-typescript's types for the whole spec, TSDoc from its descriptions.
import { createConfig, type Config } from "@redocly/openapi-core";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import type { OpenApiDocument } from "../bundle.js";

/** TSDoc for the top-level types openapi-typescript exports, which it leaves undocumented. */
const SCHEMA_DOCS: Record<string, string> = {
  paths: "Every path of the spec: its operations, their parameters, request bodies and responses.",
  webhooks: "The webhooks the spec documents.",
  components: "The spec's reusable components: schemas, responses, parameters, request bodies, headers.",
  $defs: "The JSON Schema `$defs` of the spec.",
  operations: "Every operation of the spec by its operationId: parameters, request body and responses.",
};

let noLintConfig: Promise<Config> | undefined;

export async function emitSchemaTypes(document: OpenApiDocument): Promise<string> {
  // unitask validated and bundled the spec already; openapi-typescript need not lint it again.
  noLintConfig ??= createConfig({ rules: {} }, { extends: [] } as never);
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    redocly: await noLintConfig,
    silent: true,
    cwd: new URL("file:///unitask-bundled-spec/"),
  });
  for (const node of ast) {
    const name = (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name.text;
    const doc = name ? SCHEMA_DOCS[name] : undefined;
    if (doc) ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `* ${doc} `, true);
  }
  return astToString(ast);
}
