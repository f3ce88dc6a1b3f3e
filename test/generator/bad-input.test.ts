// Bad input gets one clear error naming the file, the JSON pointer and the line, and the
// previous output stays exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { formatProblem, GenerateError } from "../../generator/problems.js";
import { createWorkspace, hashTree, minimalSpec, typecheckPackage, type Workspace } from "./workspace.js";

async function generateError(workspace: Workspace, providers?: string[]): Promise<string> {
  try {
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir, providers });
  } catch (error) {
    if (error instanceof GenerateError) return error.problems.map(formatProblem).join("\n");
    throw error;
  }
  throw new Error("generate succeeded on bad input");
}

const cases: [string, { files: Record<string, string>; providers?: string[]; message: RegExp }][] = [
  [
    "invalid YAML",
    {
      files: { "openapi.yaml": "openapi: 3.1.0\ninfo: [unclosed\n" },
      message: /specs\/broken\/openapi\.yaml:3: invalid YAML: .+/,
    },
  ],
  [
    "invalid JSON",
    {
      files: { "openapi.json": '{\n  "openapi": "3.1.0",\n  "info": }\n' },
      message: /specs\/broken\/openapi\.json(:\d+)?: invalid JSON: .+/,
    },
  ],
  [
    "a Swagger 2.0 document",
    {
      files: { "openapi.yaml": "swagger: '2.0'\ninfo: { title: x, version: '1' }\npaths: {}\n" },
      message:
        /specs\/broken\/openapi\.yaml:1 #\/swagger: Swagger 2\.0 is not supported: convert the spec to OpenAPI 3\.0 or 3\.1/,
    },
  ],
  [
    "a document that is not OpenAPI",
    {
      files: { "openapi.yaml": "name: not a spec\n" },
      message: /specs\/broken\/openapi\.yaml:1: not an OpenAPI 3\.0 or 3\.1 document \(no `openapi` field\)/,
    },
  ],
  [
    "an OpenAPI 4 version",
    {
      files: { "openapi.yaml": "openapi: 4.0.0\ninfo: { title: x, version: '1' }\npaths: {}\n" },
      message: /specs\/broken\/openapi\.yaml:1 #\/openapi: not an OpenAPI 3\.0 or 3\.1 document \(openapi: "4\.0\.0"\)/,
    },
  ],
  [
    "a structurally invalid document",
    {
      files: { "openapi.yaml": "openapi: 3.1.0\ninfo:\n  title: x\npaths: {}\n" },
      message: /specs\/broken\/openapi\.yaml:3 #\/info: The field `version` must be present on this level\./,
    },
  ],
  [
    "an internal $ref that does not resolve",
    {
      files: { "openapi.yaml": minimalSpec().replace("#/components/schemas/Thing", "#/components/schemas/Missing") },
      message:
        /specs\/broken\/openapi\.yaml:23 #\/paths\/~1things~1\{thingId\}\/get\/responses\/200\/content\/application~1json\/schema\/\$ref: Can't resolve \$ref "#\/components\/schemas\/Missing": no #\/components\/schemas\/Missing/,
    },
  ],
  [
    "an external $ref to a missing file",
    {
      files: { "openapi.yaml": minimalSpec().replace("'#/components/schemas/Thing'", "'./schemas/thing.yaml'") },
      message:
        /specs\/broken\/openapi\.yaml:23 .*\/\$ref: Can't resolve \$ref "\.\/schemas\/thing\.yaml": file .*specs\/broken\/schemas\/thing\.yaml does not exist/,
    },
  ],
  [
    "an external $ref to a folder (which, like a named pipe, is no file to read)",
    {
      files: {
        "openapi.yaml": minimalSpec().replace("'#/components/schemas/Thing'", "'./schemas'"),
        "schemas/.keep": "",
      },
      message:
        /specs\/broken\/openapi\.yaml:23 .*\/\$ref: Can't resolve \$ref "\.\/schemas": .*specs\/broken\/schemas is not a file/,
    },
  ],
  [
    "a $ref to a URL",
    {
      files: {
        "openapi.yaml": minimalSpec().replace("'#/components/schemas/Thing'", "'https://example.test/thing.yaml'"),
      },
      message:
        /specs\/broken\/openapi\.yaml:23 .*\/\$ref: \$ref "https:\/\/example\.test\/thing\.yaml" points to a URL; unitask never fetches from the network/,
    },
  ],
  [
    "a $ref that leaves the spec folder",
    {
      files: { "openapi.yaml": minimalSpec().replace("'#/components/schemas/Thing'", "'../../secrets.yaml'") },
      message:
        /specs\/broken\/openapi\.yaml:23 .*\/\$ref: \$ref "\.\.\/\.\.\/secrets\.yaml" leaves the spec's folder .*specs\/broken; unitask reads no file outside it/,
    },
  ],
  [
    "an invalid manifest",
    {
      files: { "openapi.yaml": minimalSpec(), "provider.yaml": "package: Not A Name\nversion: one\ncolour: blue\n" },
      message: /specs\/broken\/provider\.yaml:1 #\/package: invalid manifest: \/package must match pattern/,
    },
  ],
  [
    "a folder with no spec",
    {
      files: { "notes.md": "nothing here\n" },
      message: /specs\/broken: no spec found: expected one of openapi\.yaml, openapi\.yml, openapi\.json/,
    },
  ],
  [
    "an unknown --provider",
    {
      files: { "openapi.yaml": minimalSpec() },
      providers: ["nope"],
      message: /specs: unknown provider "nope" \(known: broken, good\)/,
    },
  ],
];

describe("bad input", () => {
  let workspace: Workspace;
  let before: Record<string, string>;

  beforeAll(async () => {
    workspace = createWorkspace();
    workspace.write("good", "openapi.yaml", minimalSpec());
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    before = hashTree(workspace.outDir);
  });

  it.each(cases)(
    "%s: names the file and place, and leaves generated/ untouched",
    async (_name, { files, providers, message }) => {
      workspace.write("broken", ".keep", "");
      for (const [file, text] of Object.entries(files)) workspace.write("broken", file, text);
      try {
        expect(await generateError(workspace, providers)).toMatch(message);
        expect(hashTree(workspace.outDir)).toEqual(before);
      } finally {
        const { rmSync } = await import("node:fs");
        rmSync(`${workspace.specsDir}/broken`, { recursive: true, force: true });
      }
    },
  );

  it("reports the problems of every provider together", async () => {
    workspace.write("broken", "openapi.yaml", "name: not a spec\n");
    workspace.write("broken-too", "openapi.yaml", "swagger: '2.0'\n");
    try {
      const message = await generateError(workspace);
      expect(message).toContain("specs/broken/openapi.yaml:1: not an OpenAPI 3.0 or 3.1 document");
      expect(message).toContain("specs/broken-too/openapi.yaml:1 #/swagger: Swagger 2.0 is not supported");
      expect(hashTree(workspace.outDir)).toEqual(before);
    } finally {
      const { rmSync } = await import("node:fs");
      rmSync(`${workspace.specsDir}/broken`, { recursive: true, force: true });
      rmSync(`${workspace.specsDir}/broken-too`, { recursive: true, force: true });
    }
  });

  it("names the output folder once when the new files cannot be written beside it", async () => {
    const { readdirSync, writeFileSync } = await import("node:fs");
    const { default: path } = await import("node:path");
    // A file where the output folder's parent should be: no folder can be made there.
    writeFileSync(path.join(workspace.root, "not-a-folder"), "");
    const beside = readdirSync(workspace.root).sort();
    const outDir = path.join(workspace.root, "not-a-folder", "generated");
    const error = await generate({ specsDir: workspace.specsDir, outDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).problems).toEqual([
      expect.objectContaining({
        code: "output-unwritable",
        file: path.relative(process.cwd(), outDir),
        message: expect.stringMatching(/^cannot write the new files beside it, in .*\(ENOTDIR\); nothing was written$/),
      }),
    ]);
    expect(readdirSync(workspace.root).sort()).toEqual(beside);
  });

  it("leaves nothing beside generated/ when a provider fails after another was built and staged", async () => {
    const { readdirSync, rmSync } = await import("node:fs");
    const beside = readdirSync(workspace.root).sort();
    workspace.write("zz-broken", "openapi.yaml", "openapi: 3.1.0\ninfo: [unclosed\n");
    try {
      await expect(generate({ specsDir: workspace.specsDir, outDir: workspace.outDir, force: true })).rejects.toThrow(
        GenerateError,
      );
      expect(hashTree(workspace.outDir)).toEqual(before);
      expect(readdirSync(workspace.root).sort()).toEqual(beside);
    } finally {
      rmSync(`${workspace.specsDir}/zz-broken`, { recursive: true, force: true });
    }
  });
});

describe("unusual but valid names", () => {
  it("generates a spec whose keys hold percent signs, referenced percent-encoded as RFC 6901 asks", async () => {
    const workspace = createWorkspace();
    workspace.write(
      "percent",
      "openapi.yaml",
      minimalSpec(
        "    100%:\n      type: object\n      properties:\n        share:\n          $ref: '#/components/schemas/Thing'\n",
      ).replace("'#/components/schemas/Thing'", "'#/components/schemas/100%25'"),
    );
    await expect(generate({ specsDir: workspace.specsDir, outDir: workspace.outDir })).resolves.toMatchObject({
      packages: [{ name: "core" }, { name: "percent", state: "generated" }],
    });
  });

  it("reports a $ref whose percent-encoding is broken as unresolved, not as a crash", async () => {
    const workspace = createWorkspace();
    workspace.write(
      "broken",
      "openapi.yaml",
      minimalSpec().replace("'#/components/schemas/Thing'", "'./x%E0%A4%A.yaml'"),
    );
    expect(await generateError(workspace)).toMatch(/Can't resolve \$ref "\.\/x%E0%A4%A\.yaml": file .* does not exist/);
  });
});

describe("names a spec could make clash", () => {
  it("keeps the generated client compiling when operation, parameter and scheme names collide with its own", async () => {
    const workspace = createWorkspace();
    workspace.write(
      "clash",
      "openapi.yaml",
      `openapi: 3.0.3
info: { title: Clash, version: "1" }
servers: [{ url: "https://clash.example.test" }]
components:
  securitySchemes:
    fetch: { type: apiKey, in: header, name: X-Fetch }
    token: { type: apiKey, in: query, name: token }
    bearer: { type: http, scheme: bearer }
security: [{ fetch: [] }, { token: [] }, { bearer: [] }]
paths:
  /raw/{callOptions}/{options}:
    get:
      operationId: raw
      parameters:
        - { name: callOptions, in: path, required: true, schema: { type: string } }
        - { name: options, in: path, required: true, schema: { type: string } }
      responses: { "200": { description: OK, content: { application/json: { schema: { type: string } } } } }
  /clash-client:
    post:
      operationId: clashClient
      requestBody: { required: true, content: { application/json: { schema: { type: object, properties: { a: { type: string } } } } } }
      responses: { "204": { description: No content } }
`,
    );
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const { readFileSync } = await import("node:fs");
    const client = readFileSync(`${workspace.outDir}/clash/src/client.ts`, "utf8");
    expect(client).toMatch(
      /rawOperation\(\s*callOptions_: string \| number,\s*options_: string \| number,\s*options\?: RawOperationOptions,?\s*\)/,
    );
    expect(client).toContain("clashClientOperation(options: ClashClientOperationOptions)");
    expect(client).toMatch(/token\?: string;[\s\S]*fetchApiKey\?: string;[\s\S]*tokenApiKey\?: string;/);
    expect(typecheckPackage(`${workspace.outDir}/clash`)).toBe("");
  }, 60_000);
});
