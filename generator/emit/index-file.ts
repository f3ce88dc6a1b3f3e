// Emits src/index.ts: the package's entry, re-exporting core's public API, the client, the adapter (with a
// mapping) and the schema types. Named re-exports win over the star export, so a generated name never
// clashes with one of core's.
import { StructureKind, type ExportDeclarationStructure } from "ts-morph";
import type { ProviderModel } from "../model.js";
import { clientExports } from "./client.js";
import { specifierList } from "./project.js";

export function emitIndexFile(model: ProviderModel, hasAdapter: boolean): ExportDeclarationStructure[] {
  const client = clientExports(model);
  const declarations: Omit<ExportDeclarationStructure, "kind">[] = [
    { moduleSpecifier: model.runtimePackage },
    {
      namedExports: specifierList([...client.values, ...client.types.map((name) => ({ name, isTypeOnly: true }))]),
      moduleSpecifier: "./client.js",
    },
    ...(hasAdapter
      ? [
          {
            namedExports: [
              "toUnifiedTask",
              `create${model.pascalName}TaskClient`,
              { name: `${model.pascalName}TaskClientOptions`, isTypeOnly: true },
            ],
            moduleSpecifier: "./adapter.js",
          },
        ]
      : []),
    { isTypeOnly: true, namedExports: ["components", "operations", "paths"], moduleSpecifier: "./schema.js" },
  ];
  return declarations.map((declaration) => ({ kind: StructureKind.ExportDeclaration, ...declaration }));
}
