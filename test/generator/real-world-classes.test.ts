// The classes of real public specs that once produced no usable package (issue 9), one minimal fixture
// each (test/fixtures/real-world/): a nit is a warning of its kind and the package type-checks; what no
// correct client can be built from is one error naming the file and the pointer, never a stack trace.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generate, type PackageOutcome } from "../../generator/pipeline.js";
import { formatProblem, GenerateError } from "../../generator/problems.js";
import { createWorkspace, repoRoot, runLoopbackTests, typecheckPackages, type Workspace } from "./workspace.js";

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
  /** Values the types must accept (none is `never`): TypeScript checked with the package, as src/usage.ts. */
  accepts?: string;
  /** The package's emitted loopback tests are run too (the class broke them, not the types). */
  loopback?: boolean;
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
    "a HEAD operation documenting content",
    {
      fixture: "head-content",
      want: {
        warnings: [],
        loopback: true,
        client: [
          /type HeadThingData = undefined;/,
          /type HeadThingError = ApiError<404, undefined>;/,
          /type GetThingData = paths\["\/things\/\{id\}"\]\["get"\]\["responses"\]\["200"\]\["content"\]\["application\/json"\];/,
        ],
      },
    },
  ],
  [
    "path keys with a fragment",
    {
      fixture: "path-fragment",
      want: {
        warnings: [],
        loopback: true,
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
        loopback: true,
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
        loopback: true,
        types: [/header: \{\s+"X-Trace": string;\s+\};/],
      },
    },
  ],
  [
    "query parameters nested deeper than openapi-fetch serializes",
    { fixture: "nested-query", want: { warnings: [], loopback: true } },
  ],
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

  it("the emitted loopback tests pass", () => {
    const packages = generating.filter(([, { want }]) => want.loopback).map(([name]) => slug(name));
    expect(runLoopbackTests(workspace, packages)).toBe("");
  }, 120_000);
});

describe("real-world spec classes that are refused", () => {
  it.each(refused)("%s: one message naming file and pointer", async (name, testCase) => {
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
