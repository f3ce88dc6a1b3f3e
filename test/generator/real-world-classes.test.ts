// The classes of real public specs that once produced no usable package (issue 9), one minimal fixture
// each (test/fixtures/real-world/): a nit is a warning of its kind and the package type-checks; what no
// correct client can be built from is one error naming the file and the pointer, never a stack trace.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkSpecFile } from "../../corpus/check.js";
import { generate, type PackageOutcome } from "../../generator/pipeline.js";
import { formatProblem, GenerateError } from "../../generator/problems.js";
import { createWorkspace, repoRoot, typecheckPackages, type Workspace } from "./workspace.js";

const fixtures = path.join(repoRoot, "test/fixtures/real-world");

interface Case {
  fixture: string;
  /** Write the fixture with a UTF-8 byte-order mark, as YAML or converted to JSON. */
  bom?: "yaml" | "json";
  strict?: boolean;
}

interface Generates {
  /** The kinds (codes) of the warnings, in order of first appearance. */
  warnings: string[];
  /** Patterns src/schema.ts must match. */
  types?: RegExp[];
  /** Patterns src/client.ts must match. */
  client?: RegExp[];
  /** A pattern spec/openapi.json (the bundled spec) must match. */
  snapshot?: RegExp;
  /** Patterns test/cases.json (what the emitted tests serve and expect) must match. */
  cases?: RegExp[];
  /** Values the types must accept (none is `never`): TypeScript checked with the package, as src/usage.ts. */
  accepts?: string;
  /** The package's emitted loopback tests pass too (corpus/check.ts, as for a corpus spec). */
  testsPass?: boolean;
}

const generating: [string, Case & { want: Generates }][] = [
  [
    "nullable in a 3.1 document",
    { fixture: "nullable-3-1", want: { warnings: ["nullable-in-3.1"], types: [/name: string \| null;/] } },
  ],
  [
    "a JSON spec starting with a byte-order mark",
    { fixture: "nullable-3-1", bom: "json", want: { warnings: ["nullable-in-3.1"] } },
  ],
  [
    "a YAML spec starting with a byte-order mark",
    { fixture: "nullable-3-1", bom: "yaml", want: { warnings: ["nullable-in-3.1"] } },
  ],
  ["unknown keywords in a schema", { fixture: "unknown-keywords", want: { warnings: ["unknown-keyword"] } }],
  [
    "type: 'null' inside a 3.0 anyOf",
    { fixture: "null-type-3-0", want: { warnings: ["type-not-allowed"], types: [/label: string \| null;/] } },
  ],
  [
    "a null where a schema belongs",
    { fixture: "null-schema", want: { warnings: ["schema-not-an-object"], types: [/extra\?: unknown;/] } },
  ],
  [
    "discriminator mapping values given as schema names",
    { fixture: "mapping-names", want: { warnings: [], types: [/kind: "Option One";/, /kind: "two";/] } },
  ],
  [
    "recursive schemas",
    {
      fixture: "recursive-schemas",
      want: {
        warnings: [],
        types: [
          /JsonValue: SchemaJsonValue;/,
          /type SchemaJsonValue =[^;]*\| SchemaJsonValue\[\][^;]*\[key: string\]: SchemaJsonValue;/,
          /type SchemaTree = string \| SchemaTree\[\];/,
          /type SchemaLoop = unknown;/,
        ],
      },
    },
  ],
  [
    "$refs into another schema's properties, items and $defs",
    {
      fixture: "nested-refs",
      want: {
        warnings: [],
        types: [/name: string;/, /tag\?: string;/, /ownerId\?: number;/, /color\?: "black" \| "white";/],
      },
    },
  ],
  [
    "$refs into nested definitions that recur, directly and through one another",
    {
      fixture: "nested-ref-recursion",
      want: {
        warnings: ["unknown-keyword"],
        types: [
          // The property's own properties are the recursion, cut once: `unknown`.
          /PushOption: \{\s+[^;]+;\s+properties\?: \{\s+\[key: string\]: \{\s+[^;]+;\s+properties\?: \{\s+\[key: string\]: unknown;/,
          /field: string;\s+property\?: unknown;\s+choices\?: unknown\[\];/,
        ],
      },
    },
  ],
  [
    "required properties declared by a nullable or union allOf member",
    {
      fixture: "required-from-union",
      want: {
        warnings: ["nullable-without-type"],
        accepts: `import type { components } from "./schema.js";
type Schemas = components["schemas"];
export const values: [Schemas["Cause"], Schemas["Schedule"], Schemas["Schedule"], Schemas["Shape"], Schemas["Shape"]] = [
  { itemId: "i", code: "c", message: "m" },
  null,
  { interval: "weekly", startDate: "2024-01-01" },
  { kind: "circle", radius: 1 },
  { kind: "square" },
];
// @ts-expect-error A cause requires its item id.
export const noItem: Schemas["Cause"] = { code: "c", message: "m" };
// @ts-expect-error A shape requires its kind.
export const noKind: Schemas["Shape"] = { radius: 1 };
`,
      },
    },
  ],
  [
    "schemas no value satisfies",
    {
      fixture: "unsatisfiable-schemas",
      want: {
        warnings: ["schema-unsatisfiable"],
        cases: [
          /"unsatisfiable":\{"schema":"#\/paths\/~1items~1\{id\}\/get\/responses\/200\/content\/application~1json\/schema\/properties\/value"/,
          /"response #\/paths\/~1user\/get\/responses\/200\/content\/application~1json\/schema": \{"user":\{"id":"string","limited":true\}\}/,
        ],
      },
    },
  ],
  [
    "schema and property names that are members of Object.prototype",
    {
      fixture: "prototype-names",
      want: {
        warnings: [],
        types: [/hasOwnProperty: \{\s+constructor\?: components\["schemas"\]\["constructor"\];\s+__proto__\?: string;/],
      },
    },
  ],
  ["a taskID path parameter with a mapping", { fixture: "task-id-mapping", want: { warnings: [] } }],
  [
    "a spec in two files, with Object.prototype names and an externalValue naming one",
    {
      fixture: "multi-file",
      want: {
        warnings: [],
        types: [/toString: number;/, /hasOwnProperty\?: string;\s+child\?: components\["schemas"\]\["toString"\];/],
        snapshot: /"externalValue": "\.\/schemas\/thing\.yaml"/,
      },
    },
  ],
  [
    "discriminators whose literals contradict their schemas",
    {
      fixture: "discriminator-collapse",
      want: {
        warnings: [],
        accepts: `import type { components } from "./schema.js";
type Schemas = components["schemas"];
export const values: [Schemas["Cat"], Schemas["Dog"], Schemas["Pet"], Schemas["External"], Schemas["Choice"]] = [
  { kind: "cat", meow: true },
  { kind: 1 },
  { kind: "cat" },
  { type: "external", url: "https://example.test" },
  { type: "external" },
];
`,
      },
    },
  ],
  [
    "content documented on 204, 205 and 304 responses and on responses to HEAD, and on a 2XX range",
    {
      fixture: "bodiless-204",
      want: {
        warnings: ["content-without-body"],
        types: [/204: \{\s+headers: \{\s+\[name: string\]: unknown;\s+\};\s+content\?: never;/],
        accepts: `import type { ApiError } from "@unitask/core";
import type * as Client from "./client.js";
import type { components } from "./schema.js";
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const same: [
  Equals<Client.ReplaceThingData, undefined>,
  Equals<Client.ResetThingData, undefined>,
  Equals<Client.CheckThingData, undefined>,
  Equals<Client.CheckThingError, ApiError<404, undefined>>,
  Equals<Client.GetThingData, components["schemas"]["Thing"]>,
  Equals<Client.GetThingError, ApiError<304, undefined>>,
  Equals<Client.TouchThingData, components["schemas"]["Thing"] | undefined>,
] = [true, true, true, true, true, true, true];
`,
        testsPass: true,
      },
    },
  ],
  [
    "path keys of one template shape and overlapping media types",
    { fixture: "alike-keys", want: { warnings: [], testsPass: true } },
  ],
  [
    "path keys with a fragment telling apart operations on one path and method",
    { fixture: "path-fragment", want: { warnings: [], testsPass: true } },
  ],
  [
    "discriminator mappings left relative to files the bundled spec no longer comes with",
    {
      fixture: "mapping-file-relative",
      want: {
        warnings: ["mapping-unresolved"],
        snapshot: /^(?![\s\S]*"discriminator")/,
        accepts: `import type { components } from "./schema.js";
export const pets: components["schemas"]["Pet"][] = [{ kind: "cat", meow: true }, { kind: "dog" }];
`,
        testsPass: true,
      },
    },
  ],
  [
    "a discriminator mapping left relative to a missing file, in a file the spec refers to",
    {
      fixture: "mapping-file-relative-referenced",
      want: {
        warnings: ["mapping-unresolved"],
        snapshot: /^(?![\s\S]*"discriminator")/,
        accepts: `import type { components } from "./schema.js";
export const pets: components["schemas"]["Pet"][] = [{ kind: "cat", meow: true }, { kind: "dog" }];
`,
      },
    },
  ],
  [
    "discriminators whose literals contradict declarations through $refs, compositions and allOf chains",
    {
      fixture: "discriminator-collapse-deep",
      want: {
        warnings: [],
        types: [/kind: "horse";/],
        accepts: `import type { components } from "./schema.js";
type Schemas = components["schemas"];
export const values: [Schemas["Cat"], Schemas["Dog"], Schemas["Bird"], Schemas["Fish"], Schemas["Pet"]] = [
  { kind: "cat" },
  { kind: "wolf" },
  { kind: "bird", wings: 2 },
  { kind: "cat" },
  { kind: "dog" },
];
`,
      },
    },
  ],
  [
    "a HEAD operation documenting content",
    {
      fixture: "head-content",
      want: {
        warnings: ["content-without-body"],
        testsPass: true,
        client: [
          /type HeadThingData = undefined;/,
          /type HeadThingError = ApiError<404, undefined>;/,
          /type GetThingData = paths\["\/things\/\{id\}"\]\["get"\]\["responses"\]\["200"\]\["content"\]\["application\/json"\];/,
        ],
      },
    },
  ],
  [
    "path keys made unique by a fragment, as query APIs write them",
    {
      fixture: "path-fragment-query-api",
      want: {
        warnings: [],
        testsPass: true,
        client: [/describe: \{[^}]*path: "\/",/, /addSharedLink: \{[^}]*path: "\/files\/\{file_id\}",/],
      },
    },
  ],
  [
    "path keys with a query",
    {
      fixture: "path-query",
      want: {
        warnings: [],
        testsPass: true,
        client: [
          /getThing: \{[^}]*path: "\/rest",\s+query: "method=things\.get&format=json",/,
          /downloadExport\(\s*kind: string \| number,\s*filename: string \| number,\s*options\?/,
          /search: \{[^}]*path: "\/search",\s+responses/,
        ],
      },
    },
  ],
  [
    "header parameters named Accept, Content-Type and Authorization",
    {
      fixture: "ignored-headers",
      want: {
        warnings: ["ignored-header-parameter"],
        testsPass: true,
        types: [/header: \{\s+"X-Trace": string;\s+\};/],
      },
    },
  ],
  [
    "query parameters nested deeper than openapi-fetch serializes",
    { fixture: "nested-query", want: { warnings: [], testsPass: true } },
  ],
];

/** Specs whose unchanged re-generation (`generate --force`) must report no change and write nothing. */
const rerun: [string, Case][] = [
  ["path keys of one template shape and overlapping media types", { fixture: "alike-keys" }],
];

const refused: [string, Case & { want: RegExp }][] = [
  [
    "a discriminator mapping value naming no schema",
    {
      fixture: "mapping-name-unknown",
      want: /^(?:.*\/)?specs\/mapping-name-unknown\/openapi\.yaml:21 #\/components\/schemas\/Option\/discriminator\/mapping\/Option One: discriminator mapping "Option One" names the schema "OptionUno", which components\/schemas does not have$/m,
    },
  ],
  [
    "a $ref cycle with no content",
    {
      fixture: "ref-cycle",
      want: /^(?:.*\/)?specs\/ref-cycle\/openapi\.yaml:16 #\/components\/schemas\/A\/\$ref: \$ref "#\/components\/schemas\/B" starts a chain of \$refs that loops back without reaching any content/m,
    },
  ],
  [
    "$refs into nested definitions whose copies would grow exponentially",
    {
      fixture: "nested-ref-explosion",
      want: /^(?:.*\/)?specs\/nested-ref-explosion\/openapi\.yaml #\/components\/schemas\/Tree\/\$defs\/level\d+\/properties\/right\/\$ref: inlining the \$refs into other schemas' properties, items and definitions would copy more than 1,000,000 schema nodes/m,
    },
  ],
  [
    "a schema nested deeper than the libraries' stacks allow",
    {
      fixture: "deep-nesting",
      want: /^(?:.*\/)?specs\/deep-nesting\/openapi\.json:1 #\/components\/schemas\/Deep(?:\/properties|\/inner)+: nested more than 256 levels deep/m,
    },
  ],
  [
    "a YAML alias bomb",
    {
      fixture: "alias-bomb",
      want: /^(?:.*\/)?specs\/alias-bomb\/openapi\.yaml: invalid YAML: its aliases expand to too many nodes/m,
    },
  ],
  [
    "a nit under --strict",
    {
      fixture: "unknown-keywords",
      strict: true,
      want: /^(?:.*\/)?specs\/unknown-keywords\/openapi\.yaml:18 #\/components\/schemas\/Thing\/name: Property `name` is not expected here: ignored, as JSON Schema ignores unknown keywords$/m,
    },
  ],
];

function writeCase(workspace: Workspace, name: string, { fixture, bom }: Case): void {
  const folder = path.join(fixtures, fixture);
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(folder, path.join(entry.parentPath, entry.name));
    const text = readFileSync(path.join(folder, file), "utf8");
    if (file !== "openapi.yaml") workspace.write(name, file, text);
    else if (bom === "json") workspace.write(name, "openapi.json", `\uFEFF${JSON.stringify(parse(text), null, 2)}\n`);
    else workspace.write(name, file, bom === "yaml" ? `\uFEFF${text}` : text);
  }
}

function slug(name: string): string {
  return name
    .replace(/[^a-z\d]+/gi, "-")
    .replace(/^-|-$/g, "")
    .toLowerCase();
}

describe("real-world spec classes that generate", () => {
  let workspace: Workspace;
  let outcomes: Map<string, PackageOutcome>;

  beforeAll(async () => {
    workspace = createWorkspace();
    for (const [name, testCase] of generating) writeCase(workspace, slug(name), testCase);
    const result = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    outcomes = new Map(result.packages.map((outcome) => [outcome.name, outcome]));
  }, 120_000);

  it.each(generating)("%s: generates, with warnings of the right kind", (name, { want }) => {
    const outcome = outcomes.get(slug(name))!;
    expect(outcome.state).toBe("generated");
    expect([...new Set(outcome.warnings.map((warning) => warning.code))]).toEqual(want.warnings);
    const types = readFileSync(path.join(workspace.outDir, slug(name), "src/schema.ts"), "utf8");
    for (const pattern of want.types ?? []) expect(types).toMatch(pattern);
    const client = readFileSync(path.join(workspace.outDir, slug(name), "src/client.ts"), "utf8");
    for (const pattern of want.client ?? []) expect(client).toMatch(pattern);
    if (want.snapshot)
      expect(readFileSync(path.join(workspace.outDir, slug(name), "spec/openapi.json"), "utf8")).toMatch(want.snapshot);
  });

  it("every package type-checks", () => {
    for (const [name, { want }] of generating)
      if (want.accepts) writeFileSync(path.join(workspace.outDir, slug(name), "src/usage.ts"), want.accepts);
    const packages = generating.map(([name]) => path.join(workspace.outDir, slug(name)));
    expect(typecheckPackages(packages)).toBe("");
  }, 120_000);
});

describe("real-world spec classes whose emitted tests must pass", () => {
  it.each(generating.filter(([, { want }]) => want.testsPass))(
    "%s: the package's own loopback tests pass",
    (name, { fixture }) => {
      const result = checkSpecFile(slug(name), path.join(fixtures, fixture, "openapi.yaml"), {
        timeoutSeconds: 180,
        maxHeapMiB: 2048,
      });
      expect({ failed: result.failed, reason: result.reason }).toEqual({ failed: [], reason: "" });
    },
    400_000,
  );
});

describe("real-world spec classes that re-generate unchanged", () => {
  it.each(rerun)("%s: no change reported, no file written", async (name, testCase) => {
    const workspace = createWorkspace();
    writeCase(workspace, slug(name), testCase);
    const options = { specsDir: workspace.specsDir, outDir: workspace.outDir };
    await generate(options);
    const again = await generate({ ...options, force: true });
    expect(again.packages.map(({ name, state, changes }) => ({ name, state, changes }))).toEqual([
      { name: "core", state: "unchanged", changes: [] },
      { name: slug(name), state: "unchanged", changes: [] },
    ]);
  });
});

describe("real-world spec classes that are refused", () => {
  it.each(refused)("%s: one message naming file and pointer", async (_name, testCase) => {
    const workspace = createWorkspace();
    writeCase(workspace, slug(testCase.fixture), testCase);
    const error = await generate({
      specsDir: workspace.specsDir,
      outDir: workspace.outDir,
      strict: testCase.strict,
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).problems.map(formatProblem).join("\n")).toMatch(testCase.want);
  });
});
