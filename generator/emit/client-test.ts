// Emits test/client.test.ts: it hands the package's test/cases.json, its spec and its client to the loopback
// harness of @unitask/core/testing, which runs the cases. prism-test.ts makes the same call to the Prism harness.
import { StructureKind, Writers, type SourceFile } from "ts-morph";
import type { ProviderModel } from "../model.js";
import { stringLiteral } from "./docs.js";
import { testCredentials } from "./test-cases.js";

export function emitClientTest(file: SourceFile, model: ProviderModel): void {
  emitHarnessCall(file, model, "describeLoopbackTests");
}

/** Fills `file` with the one call of `harness`; the client is created with the credentials the cases expect. */
export function emitHarnessCall(
  file: SourceFile,
  model: ProviderModel,
  harness: "describeLoopbackTests" | "describePrismTests",
): void {
  const factory = `create${model.pascalName}Client`;
  const credentials = Object.entries(testCredentials(model.auth))
    .map(([option, value]) => `, ${option}: ${stringLiteral(value)}`)
    .join("");
  file.addStatements([
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [harness],
      moduleSpecifier: "@unitask/core/testing",
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [factory, "operationSpecs"],
      moduleSpecifier: "../src/index.js",
    },
    (writer) => {
      writer.blankLine().write(`${harness}(`);
      Writers.object({
        cases: `new URL("./cases.json", import.meta.url)`,
        spec: `new URL("../spec/openapi.json", import.meta.url)`,
        operationSpecs: "operationSpecs",
        createClient: `(options) => ${factory}({ ...options${credentials} })`,
      })(writer);
      writer.write(");");
    },
  ]);
}
