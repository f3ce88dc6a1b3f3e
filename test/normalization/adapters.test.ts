// Each provider's emitted adapter: it type-checks against the generated client, and each documented example
// normalizes to hand-checked values.
import { beforeAll, describe, expect, it } from "vitest";
import { Project } from "ts-morph";
import path from "node:path";
import { emitAdapterSource, importEmittedAdapter, providerMapping, providers, root, type EmittedAdapter, type Provider } from "./emitted-adapters.js";
import { examples } from "./examples.js";

const adapters = {} as Record<Provider, EmittedAdapter>;
beforeAll(async () => {
  for (const provider of providers) adapters[provider] = await importEmittedAdapter(provider);
});

describe("the emitted adapter", () => {
  /** Compiler messages for an emitted adapter placed (in memory only) at generated/<provider>/src/adapter.ts. */
  function typeErrors(provider: Provider, source: string): string[] {
    const project = new Project({ tsConfigFilePath: path.join(root, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
    const adapter = project.createSourceFile(path.join(root, `generated/${provider}/src/adapter.ts`), source, { overwrite: true });
    return adapter.getPreEmitDiagnostics().map((diagnostic) => diagnostic.getMessageText().toString());
  }

  it.each(providers)("type-checks against generated/%s/src/client.ts", (provider) => {
    expect(typeErrors(provider, emitAdapterSource(provider))).toEqual([]);
  });

  it("does not type-check when a mapped field is not in the generated response type", () => {
    const source = emitAdapterSource("deck", { ...providerMapping("deck"), title: { path: "/nickname" } });
    expect(typeErrors("deck", source)).toEqual([expect.stringContaining("Property 'nickname' does not exist on type")]);
  });

  it("escapes mapping text for the comment and string literal it lands in", () => {
    const mapping = {
      ...providerMapping("deck"),
      progress: { none: "ends a comment */ and\nbreaks a line" },
      status: { path: "/status", values: { 'live"); process.exit(1); ("': { status: "succeeded" as const, reason: "*/ evil" } } },
    };
    const source = emitAdapterSource("deck", mapping);
    expect(source).toContain("progress: null, // ends a comment *\\/ and breaks a line");
    expect(source).toContain('"live\\"); process.exit(1); (\\"": "succeeded",');
    expect(source).toContain("// *\\/ evil");
  });
});

describe("toUnifiedTask on each provider's documented example", () => {
  it.each(providers)("%s", (provider) => {
    const { body, want } = examples[provider];
    expect(adapters[provider].toUnifiedTask(body)).toEqual({ ...want, raw: body });
  });
});
