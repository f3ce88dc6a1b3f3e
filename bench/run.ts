// npm run bench: unitask's cost as ratios to a baseline measured in the same run, each case paired
// (baseline, then unitask, BENCH_RUNS times) and reported as the median of the per-pair ratios, with
// each side's median CPU time and peak memory. It prints the ratios against the targets of issue #10;
// it asserts nothing. BENCH_ONLY=github,graph,graph-changed,seeds,consumer picks cases.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fetchCorpusSpec, readCorpusList } from "../corpus/fetch.js";
import { measureNode, median, type Usage } from "./measure.js";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const bin = {
  unitask: path.join(repoRoot, "dist/cli.cjs"),
  openapiTypescript: path.join(repoRoot, "node_modules/openapi-typescript/bin/cli.js"),
  tsc: path.join(repoRoot, "node_modules/typescript/bin/tsc"),
};
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const only = process.env.BENCH_ONLY?.split(",");
/** Caps for a unitask run that would otherwise take the machine down (Microsoft Graph's spec today). */
const LIMITS = { maxHeapMiB: 4096, timeoutSeconds: 600 };

/** Benches written as standalone scripts, each printing its own lines; add one line per script. */
const standaloneBenches: string[] = ["rerun.ts", "client-overhead.ts", "unified-task.ts"];

interface Side {
  label: string;
  /** node's arguments, one list per process: CPU times add up, the peak is the largest. */
  commands: string[][];
  cwd: string;
  /** Runs before every measured run, unmeasured (clearing a previous output). */
  before?: () => void;
}

interface Target {
  cpu?: number;
  memory?: number;
}

function corpusSpec(name: string): string {
  const entry = readCorpusList().find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`corpus/specs.json has no spec named ${name}`);
  return fetchCorpusSpec(entry);
}

/** A folder with `specs/<name>/openapi.<ext>` for each spec, where `unitask generate` runs. */
function workspace(specs: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "unitask-bench-"));
  // The generated packages build against the repository's dependencies, as they do inside it.
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  for (const [name, file] of Object.entries(specs)) {
    mkdirSync(path.join(root, "specs", name), { recursive: true });
    cpSync(file, path.join(root, "specs", name, `openapi${path.extname(file)}`));
  }
  return root;
}

function formatRatio(ratio: number, target: number | undefined): string {
  const text = `${ratio.toFixed(2)}x`;
  if (target === undefined) return text;
  return `${text} (target <= ${target.toFixed(1)}x: ${ratio <= target ? "met" : "MISSED"})`;
}

function printUsage(label: string, usages: Usage[]): void {
  const cpu = median(usages.map((usage) => usage.cpuSeconds)).toFixed(2);
  const peak = median(usages.map((usage) => usage.peakMiB)).toFixed(0);
  console.log(`  ${label.padEnd(50)} ${cpu.padStart(7)} s CPU ${peak.padStart(6)} MiB peak`);
}

/** Pairs of runs, baseline first; the case stops at the first failure of either side and says so. */
function compare(title: string, baseline: Side, candidate: Side, target: Target): void {
  console.log(`\n${title}`);
  const pairs: { baseline: Usage; candidate: Usage }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const measured: Usage[] = [];
    for (const side of [baseline, candidate]) {
      side.before?.();
      try {
        const usages = side.commands.map((args) => measureNode(args, { cwd: side.cwd, ...LIMITS }));
        measured.push({
          cpuSeconds: usages.reduce((total, usage) => total + usage.cpuSeconds, 0),
          peakMiB: Math.max(...usages.map((usage) => usage.peakMiB)),
        });
      } catch (error) {
        if (measured[0]) printUsage(`${baseline.label}, run ${run + 1}`, [measured[0]]);
        console.log(`  ${side.label}: failed on run ${run + 1}: ${(error as Error).message.replace(/\n/g, "\n    ")}`);
        return;
      }
    }
    pairs.push({ baseline: measured[0]!, candidate: measured[1]! });
  }
  printUsage(
    baseline.label,
    pairs.map((pair) => pair.baseline),
  );
  printUsage(
    candidate.label,
    pairs.map((pair) => pair.candidate),
  );
  const cpu = median(pairs.map((pair) => pair.candidate.cpuSeconds / pair.baseline.cpuSeconds));
  const memory = median(pairs.map((pair) => pair.candidate.peakMiB / pair.baseline.peakMiB));
  console.log(`  ratio, CPU time     ${formatRatio(cpu, target.cpu)}`);
  console.log(`  ratio, peak memory  ${formatRatio(memory, target.memory)}`);
}

/** From scratch: every package unitask makes, against openapi-typescript's CLI (types only) on each spec. */
function generationCase(title: string, specs: Record<string, string>, target: Target): string {
  const root = workspace(specs);
  compare(
    title,
    {
      label: "openapi-typescript (types only)",
      commands: Object.entries(specs).map(([name, file]) => [
        bin.openapiTypescript,
        path.join("specs", name, `openapi${path.extname(file)}`),
        "-o",
        path.join("types", `${name}.d.ts`),
      ]),
      cwd: root,
    },
    {
      label: "unitask generate (types, client, adapter, tests)",
      commands: [[bin.unitask, "generate"]],
      cwd: root,
      before: () => rmSync(path.join(root, "generated"), { recursive: true, force: true }),
    },
    target,
  );
  return root;
}

/**
 * A re-run after the upstream spec changed: one field of `info` edited, the package on disk from the spec
 * before. unitask reads the previous snapshot, reports the change and rebuilds; openapi-typescript, which keeps
 * nothing between runs, generates its types from the changed spec.
 */
function changedSpecCase(title: string, name: string, specFile: string, target: Target): string {
  const root = workspace({ [name]: specFile });
  const spec = path.join(root, "specs", name, "openapi.json");
  const generated = path.join(root, "generated");
  const previous = path.join(root, "previous");
  execFileSync(process.execPath, [bin.unitask, "generate"], { cwd: root, stdio: "ignore" });
  cpSync(generated, previous, { recursive: true, verbatimSymlinks: true });
  const document = JSON.parse(readFileSync(spec, "utf8")) as { info: { version: string } };
  document.info.version = `${document.info.version}-changed`;
  writeFileSync(spec, JSON.stringify(document));
  compare(
    title,
    {
      label: "openapi-typescript (types only)",
      commands: [[bin.openapiTypescript, spec, "-o", path.join("types", `${name}.d.ts`)]],
      cwd: root,
    },
    {
      label: "unitask generate (change report, rebuilt package)",
      commands: [[bin.unitask, "generate"]],
      cwd: root,
      before: () => {
        rmSync(generated, { recursive: true, force: true });
        cpSync(previous, generated, { recursive: true, verbatimSymlinks: true });
      },
    },
    target,
  );
  return root;
}

/**
 * What a user pays in every editor session and CI build: `tsc --noEmit` (strict, skipLibCheck) over a
 * small program using the installed @unitask/github, against the same program on openapi-fetch with
 * openapi-typescript's output (`schema.d.ts`, as its docs generate it). Both packages are consumed as
 * published: built declarations.
 */
function consumerCase(root: string): void {
  const consumers = path.join(root, "consumers");
  const generated = path.join(root, "generated");
  for (const name of ["core", "github"])
    execFileSync(process.execPath, [bin.tsc, "-p", path.join(generated, name, "tsconfig.json")], { stdio: "ignore" });

  /** A consumer project: its files, openapi-fetch linked in, and the named generated packages installed (package.json, dist). */
  const project = (name: string, files: Record<string, string>, installed: string[]): string => {
    const dir = path.join(consumers, name);
    mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    symlinkSync(path.join(repoRoot, "node_modules/openapi-fetch"), path.join(dir, "node_modules/openapi-fetch"), "dir");
    for (const packageName of installed) {
      const installDir = path.join(dir, "node_modules/@unitask", packageName);
      mkdirSync(installDir, { recursive: true });
      for (const part of ["package.json", "dist"])
        cpSync(path.join(generated, packageName, part), path.join(installDir, part), { recursive: true });
    }
    const compilerOptions = {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023", "DOM"],
      types: [],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    };
    files["tsconfig.json"] = JSON.stringify({ compilerOptions, files: ["consumer.ts"] });
    files["package.json"] = JSON.stringify({ private: true, type: "module" });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    return dir;
  };
  const withTypes = project(
    "openapi-typescript",
    {
      "consumer.ts": [
        `import createClient from "openapi-fetch";`,
        `import type { paths } from "./schema.js";`,
        `const github = createClient<paths>({ baseUrl: "https://api.github.com" });`,
        `const repo = await github.GET("/repos/{owner}/{repo}", { params: { path: { owner: "o", repo: "r" } } });`,
        `console.log(repo.data?.full_name);`,
        `const issue = await github.POST("/repos/{owner}/{repo}/issues", {`,
        `  params: { path: { owner: "o", repo: "r" } },`,
        `  body: { title: "Bug" },`,
        `});`,
        `console.log(issue.data?.number);`,
        `const pulls = await github.GET("/repos/{owner}/{repo}/pulls", { params: { path: { owner: "o", repo: "r" }, query: { state: "open" } } });`,
        `console.log(pulls.data?.map((pull) => pull.title));`,
        ``,
      ].join("\n"),
    },
    [],
  );
  cpSync(path.join(root, "types/github.d.ts"), path.join(withTypes, "schema.d.ts"));
  const withPackage = project(
    "unitask",
    {
      "consumer.ts": [
        `import { createGithubClient } from "@unitask/github";`,
        `const github = createGithubClient({});`,
        `const repo = await github.reposGet("o", "r");`,
        `console.log(repo.full_name);`,
        `const issue = await github.issuesCreate("o", "r", { body: { title: "Bug" } });`,
        `console.log(issue.number);`,
        `const pulls = await github.pullsList("o", "r", { query: { state: "open" } });`,
        `console.log(pulls.map((pull) => pull.title));`,
        ``,
      ].join("\n"),
    },
    ["core", "github"],
  );
  compare(
    "tsc --noEmit over a consumer of GitHub's API (strict, skipLibCheck; packages as published)",
    {
      label: "openapi-fetch + openapi-typescript's types",
      commands: [[bin.tsc, "-p", "tsconfig.json"]],
      cwd: withTypes,
    },
    { label: "@unitask/github", commands: [[bin.tsc, "-p", "tsconfig.json"]], cwd: withPackage },
    { cpu: 1, memory: 1 },
  );
}

const selected = (name: string) => !only || only.includes(name);
console.log(
  `Whole processes, CPU time and peak memory; median of ${RUNS} paired runs (BENCH_RUNS), ratios to the baseline.`,
);
const roots: string[] = [];
if (selected("github") || selected("consumer")) {
  const root = generationCase(
    "GitHub's REST API (13 MB, 1,100+ operations), from scratch",
    { github: corpusSpec("github") },
    { cpu: 1.3, memory: 1.3 },
  );
  roots.push(root);
  if (selected("consumer")) consumerCase(root);
}
if (selected("graph"))
  roots.push(
    generationCase(
      "Microsoft Graph (20 MB, 11,000+ operations), from scratch",
      { graph: corpusSpec("graph") },
      { cpu: 1.5, memory: 1.5 },
    ),
  );
if (selected("graph-changed"))
  roots.push(
    changedSpecCase("Microsoft Graph, re-run after a one-field change to its spec", "graph", corpusSpec("graph"), {
      memory: 2,
    }),
  );
if (selected("seeds"))
  roots.push(
    generationCase(
      "The four seed providers, from scratch",
      Object.fromEntries(
        ["eden", "quant", "deck", "neo"].map((name) => [name, path.join(repoRoot, "specs", name, "openapi.yaml")]),
      ),
      { memory: 2 },
    ),
  );
for (const root of roots) rmSync(root, { recursive: true, force: true });

for (const script of standaloneBenches) {
  console.log("");
  execFileSync(process.execPath, ["--import", "tsx", path.join(repoRoot, "bench", script)], { stdio: "inherit" });
}
