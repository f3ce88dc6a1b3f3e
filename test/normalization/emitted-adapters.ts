// Test support: each provider's adapter, emitted in memory by emitAdapter from the real mapping and spec,
// then written to a temporary folder and imported, with its imports pointed at this checkout's runtime and the
// provider's generated client. Used until the generated packages carry their own adapter.ts.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Project } from "ts-morph";
import { parse } from "yaml";
import { emitAdapter } from "../../generator/normalization/emit-adapter.js";
import { loadMapping } from "../../generator/normalization/load-mapping.js";
import type { NormalizationMapping } from "../../generator/normalization/mapping.js";
import type { TaskClient, UnifiedTask } from "../../runtime/src/task/index.js";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export const adapterInputs = {
  eden: { pascalName: "Eden", pathParams: ["taskId"] },
  quant: { pascalName: "Quant", pathParams: ["organisation", "taskId"] },
  deck: { pascalName: "Deck", pathParams: ["taskId"] },
  neo: { pascalName: "Neo", pathParams: ["id"] },
} as const;
export type Provider = keyof typeof adapterInputs;
export const providers = Object.keys(adapterInputs) as Provider[];

export function providerMapping(provider: Provider): NormalizationMapping {
  const file = `specs/${provider}/normalization.yaml`;
  const { mapping, problems } = loadMapping(file, readFileSync(path.join(root, file), "utf8"));
  if (mapping === undefined) throw new Error(problems.map((problem) => problem.message).join("\n"));
  return mapping;
}

/** The adapter source emitAdapter produces for a provider, as the lead's pipeline would write it (before formatting). */
export function emitAdapterSource(provider: Provider, mapping = providerMapping(provider)): string {
  const project = new Project({ useInMemoryFileSystem: true });
  const sourceFile = project.createSourceFile(`/generated/${provider}/src/adapter.ts`, "");
  const document = parse(readFileSync(path.join(root, `specs/${provider}/openapi.yaml`), "utf8"));
  emitAdapter(sourceFile, { provider, ...adapterInputs[provider], mapping, document, operation: { functionName: "getTask", dataTypeName: "GetTaskData", pathParams: adapterInputs[provider].pathParams } });
  return sourceFile.getFullText();
}

export interface EmittedAdapter {
  toUnifiedTask(body: unknown): UnifiedTask;
  createTaskClient(options: Record<string, unknown>): TaskClient;
}

const folder = mkdtempSync(path.join(tmpdir(), "unitask-adapters-"));

export async function importEmittedAdapter(provider: Provider): Promise<EmittedAdapter> {
  const source = emitAdapterSource(provider)
    .replace('from "@unitask/core"', `from ${JSON.stringify(path.join(root, "runtime/src/task/index.ts"))}`)
    .replace('from "./client.js"', `from ${JSON.stringify(path.join(root, `generated/${provider}/src/client.ts`))}`);
  const file = path.join(folder, `${provider}-adapter.ts`);
  writeFileSync(file, source);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return {
    toUnifiedTask: module["toUnifiedTask"] as EmittedAdapter["toUnifiedTask"],
    createTaskClient: module[`create${adapterInputs[provider].pascalName}TaskClient`] as EmittedAdapter["createTaskClient"],
  };
}
