// A generated package's tests pass outside this repository: the package and @unitask/core are copied into a
// folder of their own, core is built as it is published, and `npm test`'s command runs there (loopback, Prism and
// type tests), with nothing resolving into this repository but installed dependencies. The spec is a fixture whose
// operation requires its options (body, query, header), with recursion, an allOf chain, examples that break their
// schema and overlapping oneOf branches.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PackageTestCases } from "../../runtime/src/testing/cases.js";
import { failuresOf, runPackageTestsStandalone, type VitestReport } from "./standalone.js";

const fixture = fileURLToPath(new URL("./fixtures/required-inputs.yaml", import.meta.url));

describe("a generated package copied out of this repository", () => {
  let root: string;
  let packageDir: string;
  let report: VitestReport;

  beforeAll(async () => {
    ({ root, packageDir, report } = await runPackageTestsStandalone(fixture, "acme"));
  }, 180_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

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
    const failures = failuresOf(report);
    expect(failures).toEqual([]);
    expect(report.numPassedTests + report.numTodoTests).toBe(report.numTotalTests);
  });

  it("type-checks the client's real signatures: the options of createTask are required", () => {
    const typeTest = readFileSync(path.join(packageDir, "test/client.test-d.ts"), "utf8");
    expect(typeTest).toMatch(/\[org: string \| number, options: CreateTaskOptions\]/);
    expect(typeTest).toMatch(/\[taskId: string \| number, options\?: GetTaskOptions\]/);
    expect(typeTest).toMatch(/TypeEquals<GetTaskSummaryData\["steps"\], number>/);
    expect(typeTest).toMatch(/TypeEquals<GetTaskSummaryData\["detail"\], unknown>/);
    expect(typeTest).toMatch(/TypeEquals<GetTaskSummaryData\["pins"\], unknown>/);
    expect(typeTest).toMatch(/TypeEquals<CancelTaskData, unknown>/);
    const typecheck = report.testResults.find((file) => file.name.endsWith("client.test-d.ts"))!;
    expect(typecheck.assertionResults.length).toBeGreaterThan(0);
    expect(typecheck.assertionResults.every((result) => result.status === "passed")).toBe(true);
  });
});
