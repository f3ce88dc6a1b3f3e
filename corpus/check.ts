// One corpus spec, as a new user would try it: `unitask generate` through the real CLI in a temp
// workspace, then tsc (strict) over the package and its emitted tests, then the emitted loopback tests.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { fetchCorpusSpec, repoRoot, type CorpusEntry } from "./fetch.js";

export type Stage = "fetch" | "generate" | "tsc" | "tests";

export interface SpecResult {
  name: string;
  bytes: number;
  operations: number;
  warnings: number;
  seconds: number;
  /** The stages that failed: none when the spec passed. tsc and the tests both run once generation succeeded. */
  failed: Stage[];
  /** The first lines of each failing stage's output. */
  reason: string;
}

export interface CheckOptions {
  /** Seconds each stage may take before it is stopped and counted as failed. */
  timeoutSeconds: number;
  /** Heap limit of each node process, in MiB: a spec that needs more fails instead of swapping. */
  maxHeapMiB: number;
  /** Keep the workspace for inspection; it is removed otherwise. */
  keep?: boolean;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const REASON_LINES = 4;
const REASON_WIDTH = 240;

export function countOperations(specText: string, file: string): number {
  const document = (file.endsWith(".json") ? JSON.parse(specText) : parseYaml(specText, { maxAliasCount: -1 })) as {
    paths?: Record<string, Record<string, unknown> | null>;
  };
  return Object.values(document.paths ?? {}).reduce(
    (total, item) => total + HTTP_METHODS.filter((method) => item?.[method] !== undefined).length,
    0,
  );
}

/** Warnings the CLI printed; a line that groups several of one kind (`47 × mapping-unresolved`) counts each. */
export function countWarnings(stderr: string): number {
  let total = 0;
  for (const line of stderr.split("\n")) {
    if (!/^warning\b/i.test(line)) continue;
    const grouped = /^warning: [^\n]*?: (\d+) × /.exec(line);
    total += grouped ? Number(grouped[1]) : 1;
  }
  return total;
}

/** What the CLI said went wrong: its stderr without the warnings and the progress lines (`github: build (5.9 s)`). */
export function generateErrors(stderr: string): string {
  return stderr
    .split("\n")
    .filter((line) => !/^warning\b/i.test(line) && !/^[a-z0-9-]+: [^:]+ \(\d+(\.\d+)? s\)$/.test(line))
    .join("\n");
}

/** The workspace the emitted tests expect: `generated/` beside `test/support/`, the repo's node_modules. */
function createWorkspace(name: string, specFile: string): string {
  const root = mkdtempSync(path.join(tmpdir(), `unitask-corpus-${name}-`));
  const specDir = path.join(root, "specs", name);
  mkdirSync(specDir, { recursive: true });
  cpSync(specFile, path.join(specDir, `openapi${path.extname(specFile)}`));
  // ESM, as the repository is: test/support is linked in and compiled as part of the workspace.
  writeFileSync(path.join(root, "package.json"), JSON.stringify({ private: true, type: "module" }));
  mkdirSync(path.join(root, "test"));
  symlinkSync(path.join(repoRoot, "test/support"), path.join(root, "test/support"), "dir");
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  const rootConfig = JSON.parse(readFileSync(path.join(repoRoot, "tsconfig.json"), "utf8")) as {
    compilerOptions: Record<string, unknown>;
  };
  writeFileSync(
    path.join(root, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: rootConfig.compilerOptions,
      include: [`generated/${name}/src`, `generated/${name}/test`],
    }),
  );
  return root;
}

interface StageRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function runStage(args: string[], cwd: string, options: CheckOptions): StageRun {
  const run = spawnSync(process.execPath, [`--max-old-space-size=${options.maxHeapMiB}`, ...args], {
    cwd,
    encoding: "utf8",
    timeout: options.timeoutSeconds * 1000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const timedOut = run.error !== undefined && "code" in run.error && run.error.code === "ETIMEDOUT";
  const stderr = timedOut
    ? `stopped after ${options.timeoutSeconds} s\n${run.stderr ?? ""}`
    : run.signal
      ? `killed by ${run.signal}\n${run.stderr ?? ""}`
      : (run.stderr ?? "");
  return { ok: run.status === 0, stdout: run.stdout ?? "", stderr };
}

function firstLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "")
    .map((line) => (line.length > REASON_WIDTH ? `${line.slice(0, REASON_WIDTH - 1)}…` : line))
    .slice(0, REASON_LINES)
    .join("\n");
}

/** The count of failed tests, then the first failing test and its error, not the run's banner. */
function testFailure(run: StageRun): string {
  const count = /Tests\s+(.*\bfailed.*)$/m.exec(run.stdout)?.[1]?.trim();
  const lines = run.stderr.split("\n");
  const first = lines.findIndex((line) => line.trimStart().startsWith("FAIL"));
  const detail = first === -1 ? run.stderr : lines.slice(first, first + 2).join("\n");
  return firstLines(`${count ? `tests ${count}\n` : ""}${detail}`);
}

export function checkSpec(entry: CorpusEntry, options: CheckOptions): SpecResult {
  let specFile: string;
  try {
    specFile = fetchCorpusSpec(entry);
  } catch (error) {
    const reason = `fetch: ${firstLines((error as Error).message)}`;
    return { name: entry.name, bytes: 0, operations: 0, warnings: 0, seconds: 0, failed: ["fetch"], reason };
  }
  return checkSpecFile(entry.name, specFile, options);
}

/** Checks a spec file (a corpus spec, or a fixture of this repository) as provider `name`. */
export function checkSpecFile(name: string, specFile: string, options: CheckOptions): SpecResult {
  const started = performance.now();
  const result: SpecResult = {
    name,
    bytes: 0,
    operations: 0,
    warnings: 0,
    seconds: 0,
    failed: [],
    reason: "",
  };
  const fail = (stage: Stage, reason: string): void => {
    result.failed.push(stage);
    result.reason += `${stage}: ${reason}\n`;
  };
  const finish = (): SpecResult => {
    result.seconds = (performance.now() - started) / 1000;
    result.reason = result.reason.trimEnd();
    return result;
  };

  const text = readFileSync(specFile, "utf8");
  result.bytes = statSync(specFile).size;
  try {
    result.operations = countOperations(text, specFile);
  } catch {
    // Counting is for the table only; a spec the counter cannot parse is still given to the generator.
  }

  const root = createWorkspace(name, specFile);
  try {
    const generate = runStage([path.join(repoRoot, "dist/cli.cjs"), "generate"], root, options);
    result.warnings = countWarnings(generate.stderr);
    if (!generate.ok) {
      fail("generate", firstLines(generateErrors(generate.stderr) || generate.stdout));
      return finish();
    }

    const tsc = runStage(
      [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"],
      root,
      options,
    );
    if (!tsc.ok) fail("tsc", firstLines(tsc.stdout || tsc.stderr));

    const tests = runStage(
      [
        path.join(repoRoot, "node_modules/vitest/vitest.mjs"),
        "run",
        "--config",
        path.join(repoRoot, "corpus/vitest.config.ts"),
        "--reporter=dot",
      ],
      root,
      options,
    );
    if (!tests.ok) fail("tests", testFailure(tests));
    return finish();
  } finally {
    if (options.keep) console.error(`${name}: workspace kept at ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}
