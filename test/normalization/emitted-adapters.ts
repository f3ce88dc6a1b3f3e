// Test support: a provider's adapter source as emitAdapter produces it in memory, from its spec and a mapping
// that a test may alter. The committed adapters are tested through the generated packages; this is for what
// the generator would emit from a mapping that is not committed (a field the spec lacks, hostile text).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { emitAdapter } from "../../generator/emit/adapter.js";
import { printStatements } from "../../generator/emit/project.js";
import { providerMapping, root, type Provider } from "./providers.js";

/** Path parameters by their names in the spec, in positional order, as the pipeline passes them. */
const adapterInputs = {
  eden: { pascalName: "Eden", pathParams: ["taskId"] },
  quant: { pascalName: "Quant", pathParams: ["organisation", "taskId"] },
  deck: { pascalName: "Deck", pathParams: ["task_id"] },
  neo: { pascalName: "Neo", pathParams: ["id"] },
} as const;

/** The adapter source emitAdapter produces for a provider, as the pipeline would write it (before formatting). */
export function emitAdapterSource(provider: Provider, mapping = providerMapping(provider)): string {
  const document = parse(readFileSync(path.join(root, `specs/${provider}/openapi.yaml`), "utf8"));
  const { pascalName, pathParams } = adapterInputs[provider];
  return printStatements(
    emitAdapter({
      provider,
      mappingFile: `specs/${provider}/normalization.yaml`,
      pascalName,
      runtimePackage: "@unitask/core",
      mapping,
      document,
      operation: { functionName: "getTask", dataTypeName: "GetTaskData", pathParams },
    }),
  );
}
