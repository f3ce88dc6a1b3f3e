// Each provider's generated adapter, imported from its package: documented and realistic responses normalize to
// hand-checked values, values outside the spec never throw, and a mapping that names a field the spec lacks
// cannot compile.
import path from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { TaskPayloadError, type UnifiedTask } from "@unitask/core";
import { emitAdapterSource } from "./emitted-adapters.js";
import { documentedExamples, examples, type Example } from "./examples.js";
import { providerMapping, root, toUnifiedTask, type Provider } from "./providers.js";

describe("toUnifiedTask on each provider's example", () => {
  const cases: [string, { provider: Provider; example: Example }][] = [
    ["eden: a response built from the spec", { provider: "eden", example: examples.eden }],
    ["quant: the documented example", { provider: "quant", example: documentedExamples.quant }],
    ["deck: a response built from the spec", { provider: "deck", example: examples.deck }],
    [
      "neo: the documented example, whose `<string>` status is unknown",
      { provider: "neo", example: documentedExamples.neo },
    ],
    ["neo: a response built from the spec, its newest run running", { provider: "neo", example: examples.neo }],
  ];
  it.each(cases)("%s", (_, { provider, example }) => {
    const task = toUnifiedTask[provider](example.body);
    expect(task).toEqual({ ...example.want, raw: example.body });
    expect(task.raw).toBe(example.body);
  });
});

describe("toUnifiedTask on values outside what the spec documents", () => {
  const eden = examples.eden.body;
  const quant = examples.quant.body;
  const deck = examples.deck.body;
  const neo = examples.neo.body;
  const cases: [string, { provider: Provider; body: unknown; want: Partial<UnifiedTask> }][] = [
    [
      "eden: a new upstream status is unknown, raw value kept",
      {
        provider: "eden",
        body: { task: { ...eden.task, status: "archived" } },
        want: { status: "unknown", terminal: false, providerStatus: "archived" },
      },
    ],
    [
      "quant: a new upstream status is unknown, raw value kept",
      {
        provider: "quant",
        body: { ...quant, status: "archived" },
        want: { status: "unknown", terminal: false, providerStatus: "archived" },
      },
    ],
    [
      "deck: a new upstream status is unknown, raw value kept",
      {
        provider: "deck",
        body: { ...deck, status: "retired" },
        want: { status: "unknown", terminal: false, providerStatus: "retired" },
      },
    ],
    [
      "neo: a new upstream run status is unknown, raw value kept",
      {
        provider: "neo",
        body: { ...neo, stream: { ...neo.stream, streamStatus: "paused" } },
        want: { status: "unknown", terminal: false, providerStatus: "paused" },
      },
    ],
    [
      "eden: progress 57 on the declared 0..1 scale is read as a percentage",
      { provider: "eden", body: { task: { ...eden.task, progress: 57 } }, want: { progress: 0.57 } },
    ],
    [
      "quant: progress 57 on its documented 0..1 scale is read as a percentage",
      { provider: "quant", body: { ...quant, progress: 57 }, want: { progress: 0.57 } },
    ],
    [
      "eden: progress -1 is null",
      { provider: "eden", body: { task: { ...eden.task, progress: -1 } }, want: { progress: null } },
    ],
    ["quant: progress -1 is null", { provider: "quant", body: { ...quant, progress: -1 }, want: { progress: null } }],
    [
      "eden: an unparsable timestamp is null",
      {
        provider: "eden",
        body: { task: { ...eden.task, createdAt: "yesterday" } },
        want: { createdAt: null, updatedAt: "2024-03-13T10:00:42.500Z" },
      },
    ],
    [
      "quant: a string where unix milliseconds belong is null",
      {
        provider: "quant",
        body: { ...quant, createdAt: "soon" },
        want: { createdAt: null, updatedAt: "2025-01-01T00:01:40.000Z" },
      },
    ],
    [
      "deck: an impossible date is null",
      {
        provider: "deck",
        body: { ...deck, updated_at: "2025-02-30T00:00:00Z" },
        want: { createdAt: "2025-06-01T12:00:00.000Z", updatedAt: null },
      },
    ],
    [
      "neo: an unparsable run start is null",
      {
        provider: "neo",
        body: { ...neo, streams: [{ ...neo.streams[1], created_at: "just now" }] },
        want: { startedAt: null, status: "running" },
      },
    ],
    [
      "eden: a failed task without result, error or performance: null result and error",
      {
        provider: "eden",
        body: { task: { ...eden.task, result: undefined, performance: undefined, status: "failed" } },
        want: { status: "failed", result: null, error: null },
      },
    ],
    [
      "quant: a failed task's null error is no error",
      {
        provider: "quant",
        body: { ...quant, status: "failed", error: null },
        want: { status: "failed", terminal: true, error: null },
      },
    ],
    [
      "neo: without the stream object, the newest run's status",
      { provider: "neo", body: { ...neo, stream: undefined }, want: { status: "running", providerStatus: "running" } },
    ],
    [
      "neo: with neither stream nor runs, unknown and no start",
      {
        provider: "neo",
        body: { ...neo, stream: undefined, streams: [] },
        want: { status: "unknown", providerStatus: null, startedAt: null, completedAt: null },
      },
    ],
    [
      "neo: runs that are not an array, unknown",
      {
        provider: "neo",
        body: { ...neo, stream: null, streams: "none" },
        want: { status: "unknown", startedAt: null },
      },
    ],
  ];
  it.each(cases)("%s", (_, { provider, body, want }) => {
    expect(toUnifiedTask[provider](body)).toMatchObject(want);
  });

  it("throws TaskPayloadError naming the provider when the task object or its id is missing", () => {
    expect(() => toUnifiedTask.eden({})).toThrow(
      new TaskPayloadError("eden", "/task", "the response has no task object at /task"),
    );
    expect(() => toUnifiedTask.deck({ ...examples.deck.body, id: null })).toThrow(
      new TaskPayloadError("deck", "/id", "the response has no task id at /id"),
    );
  });
});

describe("an adapter emitted from a mapping", () => {
  /** Compiler messages for an emitted adapter placed (in memory only) at generated/<provider>/src/adapter.ts. */
  function typeErrors(provider: Provider, source: string): string[] {
    const project = new Project({
      tsConfigFilePath: path.join(root, "tsconfig.json"),
      skipAddingFilesFromTsConfig: true,
    });
    const adapter = project.createSourceFile(path.join(root, `generated/${provider}/src/adapter.ts`), source, {
      overwrite: true,
    });
    return adapter.getPreEmitDiagnostics().map((diagnostic) => diagnostic.getMessageText().toString());
  }

  it("type-checks against the generated client when every mapped field is in the response type", () => {
    expect(typeErrors("deck", emitAdapterSource("deck"))).toEqual([]);
  });

  it("does not type-check when a mapped field is not in the generated response type", () => {
    const source = emitAdapterSource("deck", { ...providerMapping("deck"), title: { path: "/nickname" } });
    expect(typeErrors("deck", source)).toEqual([expect.stringContaining("Property 'nickname' does not exist on type")]);
  });

  it("escapes mapping text for the comment and string literal it lands in", () => {
    const mapping = {
      ...providerMapping("deck"),
      progress: { none: "ends a comment */ and\nbreaks a line" },
      status: {
        path: "/status",
        values: { 'live"); process.exit(1); ("': { status: "succeeded" as const, reason: "*/ evil" } },
      },
    };
    const source = emitAdapterSource("deck", mapping);
    expect(source).toContain("progress: null, // ends a comment *\\/ and breaks a line");
    expect(source).toContain('"live\\"); process.exit(1); (\\"": "succeeded",');
    expect(source).toContain("// *\\/ evil");
  });
});
