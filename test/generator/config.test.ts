// unitask.config.json: defaults without one, every field read, and each mistake named by file, line and field.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.js";
import { GenerateError, type Problem } from "../../generator/problems.js";

function folderWith(config?: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "unitask-config-"));
  if (config !== undefined) writeFileSync(path.join(folder, "unitask.config.json"), config);
  return folder;
}

async function problemsOf(folder: string, file?: string): Promise<Omit<Problem, "file" | "code" | "severity">[]> {
  const error = await loadConfig(folder, file).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GenerateError);
  return (error as GenerateError).problems.map(({ file, code, severity, ...rest }) => {
    expect(file.endsWith("unitask.config.json") || file.endsWith("missing.json")).toBe(true);
    expect([code, severity]).toEqual(["config-invalid", "error"]);
    return rest;
  });
}

describe("loadConfig", () => {
  it("gives the defaults when there is no config file", async () => {
    const folder = folderWith();
    expect(await loadConfig(folder)).toEqual({
      root: folder,
      specs: path.join(folder, "specs"),
      out: path.join(folder, "generated"),
      packages: { scope: "@unitask", runtimePackage: "@unitask/core", outFromRoot: "generated" },
    });
  });

  it("reads every field, paths relative to the file's folder", async () => {
    const folder = folderWith(
      JSON.stringify({
        specs: "api/specs",
        out: "packages/clients",
        scope: "@acme",
        license: "Apache-2.0",
        repository: "https://github.com/acme/clients",
        homepage: "https://acme.dev/clients",
      }),
    );
    expect(await loadConfig(folder)).toEqual({
      root: folder,
      specs: path.join(folder, "api/specs"),
      out: path.join(folder, "packages/clients"),
      packages: {
        scope: "@acme",
        runtimePackage: "@acme/core",
        license: "Apache-2.0",
        repository: "https://github.com/acme/clients",
        homepage: "https://acme.dev/clients",
        outFromRoot: "packages/clients",
      },
    });
  });

  it("takes the runtime package's name as given", async () => {
    const folder = folderWith('{ "scope": "@acme", "runtimePackage": "acme-runtime" }');
    expect((await loadConfig(folder)).packages).toMatchObject({ scope: "@acme", runtimePackage: "acme-runtime" });
  });

  it.each([
    [
      "a mistyped field",
      {
        given: '{\n  "specs": "specs",\n  "scop": "@acme"\n}',
        want: [
          {
            pointer: "#/scop",
            line: 3,
            message:
              'unknown field "scop" (did you mean "scope"?); allowed: $schema, specs, out, scope, runtimePackage, license, repository, homepage',
          },
        ],
      },
    ],
    [
      "a scope without its @",
      {
        given: '{ "scope": "acme" }',
        want: [{ pointer: "#/scope", line: 1, message: 'must be an npm scope such as "@acme" (got "acme")' }],
      },
    ],
    [
      "every bad field at once",
      {
        given: '{\n  "runtimePackage": "Acme Core",\n  "out": 3,\n  "repository": "github.com/acme"\n}',
        want: [
          {
            pointer: "#/runtimePackage",
            line: 2,
            message: 'must be an npm package name such as "@acme/unitask-core" (got "Acme Core")',
          },
          { pointer: "#/out", line: 3, message: "must be a folder path (got 3)" },
          {
            pointer: "#/repository",
            line: 4,
            message: 'must be a repository URL such as "https://github.com/acme/clients" (got "github.com/acme")',
          },
        ],
      },
    ],
    [
      "a file that is not JSON",
      {
        given: "{ scope: '@acme' }",
        want: [
          {
            pointer: "",
            message: expect.stringMatching(/^invalid JSON: /),
          },
        ],
      },
    ],
    ["an array", { given: "[]", want: [{ pointer: "", message: "must be a JSON object" }] }],
  ])("rejects %s, naming the file and field", async (_name, { given, want }) => {
    expect(await problemsOf(folderWith(given))).toEqual(want);
  });

  it("rejects a config file named on the command line that does not exist", async () => {
    expect(await problemsOf(folderWith(), "missing.json")).toEqual([
      { pointer: "", message: "cannot read the config file (ENOENT)" },
    ]);
  });
});
