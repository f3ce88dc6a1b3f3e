// Property tests of every generated adapter, imported from its package, 10,000 payloads per provider and kind:
// valid payloads always give a status in the vocabulary and progress in 0..1 or null; malformed ones (wrong
// types, missing objects, progress of 57 or -1, unparsable timestamps, new status strings) never throw anything
// but TaskPayloadError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePointer } from "../../generator/spec/index.js";
import { hasPath, pathsOf, TIMESTAMP_FIELDS, type PathSource } from "../../generator/normalization/mapping.js";
import { TASK_STATUSES, TaskPayloadError, type UnifiedTask } from "@unitask/core";
import { examples } from "./examples.js";
import { providerMapping, providers, toUnifiedTask, type Provider } from "./providers.js";

const RUNS = 10_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A deep copy of `body` with `value` set at a mapping path (creating what is missing; `@last` = last element). */
function withValueAt(body: unknown, path: string, value: unknown, remove = false): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string, unknown> | unknown[] = copy;
  const tokens = parsePointer(path);
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const key = token === "@last" ? Math.max(0, (node as unknown[]).length - 1) : token;
    if (last) {
      if (remove) delete (node as Record<string | number, unknown>)[key];
      else (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    const nextIsArray = tokens[index + 1] === "@last";
    const current = (node as Record<string | number, unknown>)[key];
    const fits = nextIsArray
      ? Array.isArray(current)
      : typeof current === "object" && current !== null && !Array.isArray(current);
    if (!fits) (node as Record<string | number, unknown>)[key] = nextIsArray ? [{}] : {};
    node = (node as Record<string | number, unknown[] | Record<string, unknown>>)[key] as
      Record<string, unknown> | unknown[];
    if (nextIsArray && (node as unknown[]).length === 0) (node as unknown[]).push({});
  });
  return copy;
}

/** Valid values for every mapped path of a provider, as the spec documents them. */
function validPayload(provider: Provider): fc.Arbitrary<unknown> {
  const mapping = providerMapping(provider);
  const date = fc.date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2100-01-01T00:00:00Z"),
    noInvalidDate: true,
  });
  const setters: fc.Arbitrary<[string, unknown]>[] = [];
  const add = (source: PathSource, value: fc.Arbitrary<unknown>) =>
    pathsOf(source).forEach((path) => setters.push(value.map((item) => [path, item] as [string, unknown])));
  add(mapping.id, fc.uuid());
  if (hasPath(mapping.title)) add(mapping.title, fc.string());
  add(mapping.status, fc.oneof(fc.constantFrom(...Object.keys(mapping.status.values)), fc.string()));
  if (hasPath(mapping.progress))
    add(
      mapping.progress,
      mapping.progress.scale === "unit"
        ? fc.double({ min: 0, max: 1, noNaN: true })
        : fc.double({ min: 0, max: 100, noNaN: true }),
    );
  for (const field of TIMESTAMP_FIELDS) {
    const source = mapping[field];
    if (hasPath(source))
      add(
        source,
        source.format === "unix-ms" ? date.map((value) => value.getTime()) : date.map((value) => value.toISOString()),
      );
  }
  if (hasPath(mapping.result)) add(mapping.result, fc.jsonValue());
  if (hasPath(mapping.error)) add(mapping.error, fc.option(fc.string(), { nil: null }));
  return fc
    .tuple(...setters)
    .map((entries) =>
      entries.reduce<unknown>((body, [path, value]) => withValueAt(body, path, value), examples[provider].body),
    );
}

/** Every path a mapping reads, and every object on the way, as places to break. */
function breakablePaths(provider: Provider): string[] {
  const mapping = providerMapping(provider);
  const paths = new Set<string>([mapping.task].filter((path) => path !== ""));
  for (const source of [
    mapping.id,
    mapping.title,
    mapping.status,
    mapping.progress,
    ...TIMESTAMP_FIELDS.map((field) => mapping[field]),
    mapping.result,
    mapping.error,
  ]) {
    if (!hasPath<PathSource>(source)) continue;
    for (const path of pathsOf(source)) {
      const tokens = path.split("/").slice(1);
      tokens.forEach((_, index) => paths.add(`/${tokens.slice(0, index + 1).join("/")}`));
    }
  }
  return [...paths];
}

const oddValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    57,
    -1,
    101,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    "57",
    "yesterday",
    "2025-02-30T00:00:00Z",
    "",
    "archived",
    "constructor",
    "__proto__",
    null,
    [],
    {},
  ),
);

function malformedPayload(provider: Provider): fc.Arbitrary<unknown> {
  const breakage = fc.tuple(fc.constantFrom(...breakablePaths(provider)), oddValue, fc.boolean());
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(validPayload(provider), fc.array(breakage, { minLength: 1, maxLength: 4 }))
        .map(([body, breaks]) =>
          breaks.reduce((broken, [path, value, remove]) => withValueAt(broken, path, value, remove), body),
        ),
    },
    { weight: 1, arbitrary: fc.anything() },
  );
}

function expectWellFormed(task: UnifiedTask, provider: Provider): void {
  expect(task.provider).toBe(provider);
  expect(TASK_STATUSES).toContain(task.status);
  expect(task.terminal).toBe(["succeeded", "failed", "cancelled"].includes(task.status));
  if (task.progress !== null) expect(task.progress >= 0 && task.progress <= 1).toBe(true);
  for (const timestamp of [task.createdAt, task.updatedAt, task.startedAt, task.completedAt]) {
    if (timestamp !== null) expect(timestamp).toMatch(ISO_UTC);
  }
  expect(typeof task.id).toBe("string");
  expect(task.providerStatus === null || typeof task.providerStatus === "string").toBe(true);
  expect(task.error === null || typeof task.error.message === "string").toBe(true);
  expect(task.result).not.toBeUndefined();
}

describe.each(providers)("%s's adapter", (provider) => {
  it(`normalizes ${RUNS} valid payloads into the vocabulary, progress in 0..1 or null`, () => {
    fc.assert(
      fc.property(validPayload(provider), (body) => {
        expectWellFormed(toUnifiedTask[provider](body), provider);
      }),
      { numRuns: RUNS },
    );
  });

  it(`throws nothing but TaskPayloadError on ${RUNS} malformed payloads`, () => {
    fc.assert(
      fc.property(malformedPayload(provider), (body) => {
        let task: UnifiedTask;
        try {
          task = toUnifiedTask[provider](body);
        } catch (error) {
          expect(error).toBeInstanceOf(TaskPayloadError);
          return;
        }
        expectWellFormed(task, provider);
      }),
      { numRuns: RUNS },
    );
  });
});
