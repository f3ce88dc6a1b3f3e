// Emits src/schema.ts: openapi-typescript's types for the whole spec, TSDoc from its descriptions.
import { createConfig, type Config } from "@redocly/openapi-core";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import type { OpenApiDocument } from "../bundle.js";

let noLintConfig: Promise<Config> | undefined;

export async function emitSchemaTypes(document: OpenApiDocument): Promise<string> {
  // unitask validated and bundled the spec already; openapi-typescript need not lint it again.
  noLintConfig ??= createConfig({ rules: {} }, { extends: [] } as never);
  const ast = await openapiTS(document as unknown as OpenAPI3, {
    redocly: await noLintConfig,
    silent: true,
    cwd: new URL("file:///unitask-bundled-spec/"),
  });
  return astToString(ast);
}
