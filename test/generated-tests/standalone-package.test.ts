// A generated package's tests pass outside this repository: the package and @unitask/core are copied into a
// folder of their own, core is built as it is published, and `npm test`'s command runs there (loopback, Prism and
// type tests), with nothing resolving into this repository but installed dependencies. The spec is a fixture whose
// operation requires its options (body, query, header), with recursion, an allOf chain, an example that breaks its
// schema and overlapping oneOf branches.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { PackageTestCases } from "../../runtime/src/testing/cases.js";
import { generate } from "../../generator/pipeline.js";
import { createWorkspace, repoRoot } from "../generator/workspace.js";

const run = promisify(execFile);
const fixture = new URL("./fixtures/required-inputs.yaml", import.meta.url);

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    message: string;
    assertionResults: { status: string; fullName: string; failureMessages: string[] }[];
  }[];
}

describe("a generated package copied out of this repository", () => {
  let packageDir: string;
  let report: VitestReport;

  beforeAll(async () => {
    const workspace = createWorkspace();
    workspace.write("acme", "openapi.yaml", readFileSync(fixture, "utf8"));
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });

    const standalone = path.join(workspace.root, "standalone");
    for (const name of ["acme", "core"])
      cpSync(path.join(workspace.outDir, name), path.join(standalone, name), { recursive: true });
    installDependencies(path.join(standalone, "node_modules"), path.join(standalone, "core"));
    await run(process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: path.join(standalone, "core"),
    });

    packageDir = path.join(standalone, "acme");
    const reportFile = path.join(standalone, "report.json");
    const vitest = path.join(repoRoot, "node_modules/vitest/vitest.mjs");
    // The package's own `npm test` command, with a machine-readable report; its failures are asserted below.
    await run(process.execPath, [vitest, "run", "--typecheck", "--reporter=json", `--outputFile=${reportFile}`], {
      cwd: packageDir,
    }).catch(() => undefined);
    report = JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport;
  }, 180_000);

  it("declares what its tests run on, and how to run them", () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(manifest.scripts.test).toBe("vitest run --typecheck");
    expect(Object.keys(manifest.devDependencies)).toEqual(
      expect.arrayContaining(["vitest", "ajv", "ajv-formats", "@stoplight/prism-cli"]),
    );
    for (const file of readdirSync(path.join(packageDir, "test")))
      expect(readFileSync(path.join(packageDir, "test", file), "utf8")).not.toMatch(/\.\.\/\.\.\/\.\.\//);
  });

  it("runs every case of its cases.json against the loopback server and Prism, and all pass", () => {
    const cases = JSON.parse(readFileSync(path.join(packageDir, "test/cases.json"), "utf8")) as PackageTestCases;
    const responses = cases.operations.flatMap((operation) => operation.responses);
    const loopback = report.testResults.find((file) => file.name.endsWith("client.test.ts"))!;
    const prism = report.testResults.find((file) => file.name.endsWith("prism.test.ts"))!;
    expect(loopback.assertionResults).toHaveLength(responses.length);
    expect(prism.assertionResults).toHaveLength(responses.length);
    const failures = report.testResults.flatMap((file) => [
      ...(file.message ? [`${file.name}: ${file.message}`] : []),
      ...file.assertionResults
        .filter((result) => result.status === "failed")
        .map((result) => `${result.fullName}: ${result.failureMessages.join("\n")}`),
    ]);
    expect(failures).toEqual([]);
    expect(report.numPassedTests + report.numTodoTests).toBe(report.numTotalTests);
  });

  it("type-checks the client's real signatures: the options of createTask are required", () => {
    const typeTest = readFileSync(path.join(packageDir, "test/client.test-d.ts"), "utf8");
    expect(typeTest).toMatch(/\[org: string \| number, options: CreateTaskOptions\]/);
    expect(typeTest).toMatch(/\[taskId: string \| number, options\?: GetTaskOptions\]/);
    const typecheck = report.testResults.find((file) => file.name.endsWith("client.test-d.ts"))!;
    expect(typecheck.assertionResults.length).toBeGreaterThan(0);
    expect(typecheck.assertionResults.every((result) => result.status === "passed")).toBe(true);
  });
});

/** node_modules as an install would leave it: this repository's packages, and @unitask/core as built. */
function installDependencies(nodeModules: string, core: string): void {
  mkdirSync(path.join(nodeModules, "@unitask"), { recursive: true });
  symlinkSync(core, path.join(nodeModules, "@unitask/core"), "dir");
  const installed = path.join(repoRoot, "node_modules");
  for (const entry of readdirSync(installed)) {
    if (entry === ".bin" || entry === "@unitask") continue;
    symlinkSync(path.join(installed, entry), path.join(nodeModules, entry), "dir");
  }
}
