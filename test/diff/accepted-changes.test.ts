// Accepted changes end to end: a breaking spec change fails `generate --fail-on-breaking` (nothing
// written) until specs/<provider>/accepted-changes.yaml accepts it by rule and pointer; then it passes,
// the CHANGELOG says why, the version still moves as the change asks, any other breaking change still
// fails, and an entry that matches nothing is reported as stale. `unitask diff` reads the same file.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { formatProblem, GenerateError, type Problem } from "../../generator/problems.js";
import { createWorkspace, hashTree, repoRoot, type Workspace } from "../generator/workspace.js";

const petsSpec = readFileSync(new URL("fixtures/pets.yaml", import.meta.url), "utf8");
const tenantParameter = `      parameters:
        - name: tenant
          in: query
          required: true
          schema:
            type: string
        - name: limit`;
const withTenant = petsSpec.replace("      parameters:\n        - name: limit", tenantParameter);
const withoutDog = withTenant.replace("            enum: [cat, dog]", "            enum: [cat]");

const TENANT = { rule: "new-required-request-parameter", pointer: "#/paths/~1pets/get/parameters/0" };
const NICKNAME = {
  rule: "response-optional-property-removed",
  pointer: "#/components/schemas/Pet/properties/nickname",
};

function acceptedFile(entries: ReadonlyArray<{ rule: string; pointer: string; reason: string }>): string {
  const items = entries.map(
    (entry) => `  - rule: ${entry.rule}\n    pointer: "${entry.pointer}"\n    reason: ${entry.reason}\n`,
  );
  return `changes:\n${items.join("")}`;
}

const read = (workspace: Workspace, file: string) => readFileSync(path.join(workspace.outDir, file), "utf8");
const run = (workspace: Workspace) =>
  generate({ specsDir: workspace.specsDir, outDir: workspace.outDir, failOnBreaking: true });

/** A problem as printed, with the workspace's specs folder shown as `specs`. */
function shown(workspace: Workspace, problem: Problem): string {
  return formatProblem(problem).replace(path.relative(process.cwd(), workspace.specsDir), "specs");
}

async function problemsOf(workspace: Workspace, promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GenerateError);
  return (error as GenerateError).problems.map((problem) => shown(workspace, problem));
}

describe("accepted-changes.yaml", () => {
  it("lets a reviewed breaking change through generate --fail-on-breaking, and no other", async () => {
    const workspace = createWorkspace();
    workspace.write("pets", "openapi.yaml", petsSpec);
    await run(workspace);
    expect(JSON.parse(read(workspace, "pets/package.json")).version).toBe("0.1.0");

    workspace.write("pets", "openapi.yaml", withTenant);
    const untouched = hashTree(workspace.outDir);
    expect(await problemsOf(workspace, run(workspace))).toEqual([
      `specs/pets/accepted-changes.yaml: GET /pets: added required query parameter \`tenant\` (breaking); to accept it, add { rule: ${TENANT.rule}, pointer: "${TENANT.pointer}", reason: ... } under changes:`,
    ]);
    expect(hashTree(workspace.outDir)).toEqual(untouched);

    workspace.write(
      "pets",
      "accepted-changes.yaml",
      acceptedFile([{ ...TENANT, reason: "Every caller sends it already." }]),
    );
    const accepted = await run(workspace);
    const pets = accepted.packages.find((outcome) => outcome.name === "pets")!;
    expect(pets.changes).toMatchObject([
      { ...TENANT, severity: "breaking", accepted: "Every caller sends it already." },
    ]);
    expect(pets.warnings).toEqual([]);
    // Accepted, not downgraded: the version moves as a breaking change asks.
    expect(JSON.parse(read(workspace, "pets/package.json")).version).toBe("0.2.0");
    expect(read(workspace, "pets/CHANGELOG.md")).toContain(
      "- GET /pets: added required query parameter `tenant`\n  - Hits: `listPets`; `ListPetsOptions` at `query.tenant`\n  - Accepted: Every caller sends it already.\n",
    );

    // The next breaking change is not covered by the old entry.
    workspace.write("pets", "openapi.yaml", withoutDog);
    expect(await problemsOf(workspace, run(workspace))).toEqual([
      `specs/pets/accepted-changes.yaml: GET /pets query parameter \`kind\`: removed enum value \`dog\` (breaking); to accept it, add { rule: request-parameter-enum-value-removed, pointer: "#/paths/~1pets/get/parameters/3/schema/enum", reason: ... } under changes:`,
    ]);
  }, 120_000);

  it("reports an entry that matches no change as stale, with its file, line and pointer", async () => {
    const workspace = createWorkspace();
    workspace.write("pets", "openapi.yaml", petsSpec);
    await run(workspace);
    workspace.write("pets", "openapi.yaml", withTenant);
    workspace.write(
      "pets",
      "accepted-changes.yaml",
      acceptedFile([
        { ...NICKNAME, reason: "Nobody reads it." },
        { ...TENANT, reason: "Every caller sends it already." },
      ]),
    );
    const result = await run(workspace);
    const pets = result.packages.find((outcome) => outcome.name === "pets")!;
    expect(pets.warnings.map((problem) => shown(workspace, problem))).toEqual([
      `warning: specs/pets/accepted-changes.yaml:2 #/changes/0: accepted change ${NICKNAME.rule} at ${NICKNAME.pointer} matches no change in this spec update; remove the entry`,
    ]);
  }, 60_000);

  it("refuses a malformed file, naming each bad entry", async () => {
    const workspace = createWorkspace();
    workspace.write("pets", "openapi.yaml", petsSpec);
    await run(workspace);
    workspace.write("pets", "openapi.yaml", withTenant);
    workspace.write("pets", "accepted-changes.yaml", `changes:\n  - rule: ${TENANT.rule}\n    why: because\n`);
    expect(await problemsOf(workspace, run(workspace))).toEqual([
      "specs/pets/accepted-changes.yaml:2 #/changes/0/pointer: pointer must be a non-empty string",
      "specs/pets/accepted-changes.yaml:2 #/changes/0/reason: reason must be a non-empty string",
      "specs/pets/accepted-changes.yaml:3 #/changes/0/why: unknown field (expected rule, pointer, reason)",
    ]);
  }, 60_000);

  it("is read by unitask diff beside the new spec: --fail-on-breaking passes for it and fails for others", async () => {
    const workspace = createWorkspace();
    workspace.write("pets", "openapi.yaml", withTenant);
    workspace.write("old", "openapi.yaml", petsSpec);
    const bin = path.join(repoRoot, "dist/cli.cjs");
    const args = [
      bin,
      "diff",
      path.join(workspace.specsDir, "old/openapi.yaml"),
      path.join(workspace.specsDir, "pets/openapi.yaml"),
      "--fail-on-breaking",
    ];
    const exitCode = () =>
      promisify(execFile)("node", args).then(
        () => 0,
        (error: { code: number }) => error.code,
      );
    expect(await exitCode()).toBe(1);
    workspace.write("pets", "accepted-changes.yaml", acceptedFile([{ ...TENANT, reason: "Reviewed." }]));
    expect(await exitCode()).toBe(0);
    workspace.write(
      "pets",
      "openapi.yaml",
      withTenant.replace("            enum: [cat, dog]", "            enum: [cat]"),
    );
    expect(await exitCode()).toBe(1);
  }, 90_000);
});
