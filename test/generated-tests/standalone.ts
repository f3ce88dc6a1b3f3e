// Generates one spec into a temporary folder, copies the package and @unitask/core out as an install would lay
// them (core built as published, the other dependencies linked from this repository's node_modules), and runs the
// package's own `npm test` command there, returning vitest's JSON report. Used by standalone-package.test.ts and
// by `npm run test:package -- <spec file>`, which runs a real spec's generated tests (GitHub's, say).
import { execFile } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { generate } from "../../generator/pipeline.js";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface VitestReport {
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

export interface StandaloneRun {
  /** The temporary folder holding everything. */
  root: string;
  /** The package's folder, outside this repository. */
  packageDir: string;
  report: VitestReport;
}

/** `specFile` generated as the provider `name`; the temporary folder is left for the caller to inspect or remove. */
export async function runPackageTestsStandalone(specFile: string, name: string): Promise<StandaloneRun> {
  const root = mkdtempSync(path.join(tmpdir(), "unitask-standalone-"));
  const specsDir = path.join(root, "specs");
  mkdirSync(path.join(specsDir, name), { recursive: true });
  copyFileSync(specFile, path.join(specsDir, name, `openapi${path.extname(specFile)}`));
  const outDir = path.join(root, "generated");
  await generate({ specsDir, outDir });

  const standalone = path.join(root, "standalone");
  for (const folder of [name, "core"])
    cpSync(path.join(outDir, folder), path.join(standalone, folder), { recursive: true });
  linkDependencies(path.join(standalone, "node_modules"), path.join(standalone, "core"));
  await run(process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
    cwd: path.join(standalone, "core"),
  });

  const packageDir = path.join(standalone, name);
  const reportFile = path.join(root, "report.json");
  const vitest = path.join(repoRoot, "node_modules/vitest/vitest.mjs");
  // The package's `npm test` command, with a machine-readable report; a failing run still writes it.
  await run(process.execPath, [vitest, "run", "--typecheck", "--reporter=json", `--outputFile=${reportFile}`], {
    cwd: packageDir,
    maxBuffer: 256 * 1024 * 1024,
  }).catch(() => undefined);
  return { root, packageDir, report: JSON.parse(readFileSync(reportFile, "utf8")) as VitestReport };
}

/** Every failed test and every file that failed to run, with its messages. */
export function failuresOf(report: VitestReport): string[] {
  return report.testResults.flatMap((file) => [
    ...(file.message ? [`${file.name}: ${file.message}`] : []),
    ...file.assertionResults
      .filter((result) => result.status === "failed")
      .map((result) => `${result.fullName}: ${result.failureMessages.join("\n")}`),
  ]);
}

/** node_modules as an install would leave it: this repository's packages, and @unitask/core as built. */
function linkDependencies(nodeModules: string, core: string): void {
  mkdirSync(path.join(nodeModules, "@unitask"), { recursive: true });
  symlinkSync(core, path.join(nodeModules, "@unitask/core"), "dir");
  const installed = path.join(repoRoot, "node_modules");
  for (const entry of readdirSync(installed)) {
    if (entry === ".bin" || entry === "@unitask") continue;
    symlinkSync(path.join(installed, entry), path.join(nodeModules, entry), "dir");
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [specFile, name = "provider"] = process.argv.slice(2);
  if (specFile === undefined) {
    console.error("usage: npm run test:package -- <spec file> [provider name]");
    process.exit(2);
  }
  const { packageDir, report } = await runPackageTestsStandalone(path.resolve(specFile), name);
  const failures = failuresOf(report);
  for (const failure of failures) console.error(`FAIL ${failure.split("\n")[0]}`);
  console.log(
    `${packageDir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numTodoTests} todo, ${report.numTotalTests} tests`,
  );
  process.exit(failures.length === 0 ? 0 : 1);
}
