// Emits test/client.test.ts: it hands the package's test/cases.json, its spec and its client to the loopback
// harness of @unitask/core/testing, which runs the cases. prism-test.ts makes the same call to the Prism harness.
import { StructureKind, Writers, type StatementStructures, type WriterFunction } from "ts-morph";
import type { ProviderModel } from "../model.js";
import { stringLiteral } from "./docs.js";
import { testCredentials } from "./test-cases.js";

export function emitClientTest(model: ProviderModel): (StatementStructures | WriterFunction)[] {
  return emitHarnessCall(model, "describeLoopbackTests");
}

/** The file's statements: the one call of `harness`; the client is created with the credentials the cases expect. */
export function emitHarnessCall(
  model: ProviderModel,
  harness: "describeLoopbackTests" | "describePrismTests",
): (StatementStructures | WriterFunction)[] {
  const factory = `create${model.pascalName}Client`;
  const credentials = Object.entries(testCredentials(model.auth))
    .map(([option, value]) => `, ${option}: ${stringLiteral(value)}`)
    .join("");
  return [
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
  ];
}
