// Each provider's emitted adapter: it type-checks against the generated client, and each documented example
// normalizes to hand-checked values.
import { beforeAll, describe, expect, it } from "vitest";
import { Project } from "ts-morph";
import path from "node:path";
import { emitAdapterSource, importEmittedAdapter, providerMapping, providers, root, type EmittedAdapter, type Provider } from "./emitted-adapters.js";
import { examples } from "./examples.js";
import { TaskPayloadError, type UnifiedTask } from "../../runtime/src/task/index.js";

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

describe("toUnifiedTask on values outside what the spec documents", () => {
  const quant = examples.quant.body;
  const neo = examples.neo.body;
  const cases: [string, { provider: Provider; body: Record<string, unknown>; want: Partial<UnifiedTask> }][] = [
    ["a new upstream status: unknown, raw value kept", { provider: "quant", body: { ...quant, status: "archived" }, want: { status: "unknown", terminal: false, providerStatus: "archived" } }],
    ["progress 57 on Quant's 0..1 scale: read as a percentage", { provider: "quant", body: { ...quant, progress: 57 }, want: { progress: 0.57 } }],
    ["progress -1: null", { provider: "quant", body: { ...quant, progress: -1 }, want: { progress: null } }],
    ["an unparsable timestamp: null", { provider: "quant", body: { ...quant, createdAt: "soon" }, want: { createdAt: null } }],
    ["a missing optional object (Neo without stream): the newest run's status", { provider: "neo", body: { ...neo, stream: undefined }, want: { status: "running", providerStatus: "running" } }],
    ["no stream and no runs: unknown, no start", { provider: "neo", body: { ...neo, stream: undefined, streams: [] }, want: { status: "unknown", providerStatus: null, startedAt: null } }],
    ["runs that are not an array: unknown", { provider: "neo", body: { ...neo, stream: null, streams: "none" }, want: { status: "unknown", startedAt: null } }],
  ];
  it.each(cases)("%s", (_, { provider, body, want }) => {
    expect(adapters[provider].toUnifiedTask(body)).toMatchObject(want);
  });

  it("throws TaskPayloadError naming the provider when the task object is missing", () => {
    expect(() => adapters.eden.toUnifiedTask({})).toThrow(new TaskPayloadError("eden", "/task", "the response has no task object at /task"));
    expect(() => adapters.deck.toUnifiedTask({ ...examples.deck.body, id: null })).toThrow("deck: the response has no task id at /id");
  });
});
