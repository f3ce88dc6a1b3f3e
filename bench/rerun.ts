// What a re-run costs when nothing changed: `unitask generate` and `generate --check` on the four seeds
// against `node -e 0`, and on GitHub's 13 MB spec against `node -e 0` plus hashing that spec. Whole
// processes of the compiled CLI (built first), each run paired with a baseline run just before it (the machine's
// load moves both alike), the median of the ratios. It prints ratios; it asserts nothing.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const unitask = path.join(repoRoot, "dist/cli.cjs");
const githubSpec = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

/** The wall time of `node <args>`, in milliseconds. */
function time(args: string[], cwd: string): number {
  const start = performance.now();
  execFileSync("node", args, { cwd, stdio: "ignore" });
  return performance.now() - start;
}

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** `args` against `baseline`, run in pairs: the medians of both, and the median of the pairs' ratios. */
function paired(args: string[], baseline: string[], cwd: string): { ms: number; baselineMs: number; ratio: number } {
  const pairs = Array.from({ length: RUNS }, () => {
    const before = time(baseline, cwd);
    return [time(args, cwd), before] as const;
  });
  return {
    ms: median(pairs.map(([ms]) => ms)),
    baselineMs: median(pairs.map(([, before]) => before)),
    ratio: median(pairs.map(([ms, before]) => ms / before)),
  };
}

/** A temp folder with `specs/<name>/openapi.<ext>` for each spec, generated once. */
function generatedWorkspace(specs: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "unitask-rerun-"));
  for (const [name, file] of Object.entries(specs)) {
    mkdirSync(path.join(root, "specs", name), { recursive: true });
    cpSync(file, path.join(root, "specs", name, `openapi${path.extname(file)}`));
  }
  execFileSync("node", ["--max-old-space-size=8000", unitask, "generate", "--quiet"], { cwd: root, stdio: "ignore" });
  return root;
}

/** One unchanged run once the output is older than the hash cache's one second of distrust, as a user's would be. */
async function warmHashCache(root: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  execFileSync("node", [unitask, "generate", "--quiet"], { cwd: root, stdio: "ignore" });
}

function row(label: string, { ms, baselineMs, ratio }: ReturnType<typeof paired>, target: string): void {
  console.log(
    `  ${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms   baseline ${baselineMs.toFixed(0).padStart(5)} ms   ${ratio.toFixed(2)}x   (target ${target})`,
  );
}

execFileSync("npm", ["run", "build:cli", "--silent"], { cwd: repoRoot, stdio: "inherit" });
const nodeStart = ["-e", "0"];

const seeds = generatedWorkspace(
  Object.fromEntries(
    ["deck", "eden", "neo", "quant"].map((name) => [name, path.join(repoRoot, "specs", name, "openapi.yaml")]),
  ),
);
await warmHashCache(seeds);
console.log(`four seeds, nothing changed (baseline: node -e 0; ${RUNS} pairs)`);
row("unitask generate", paired([unitask, "generate"], nodeStart, seeds), "≤ 2x");
row("unitask generate --check", paired([unitask, "generate", "--check"], nodeStart, seeds), "≤ 2x");
rmSync(seeds, { recursive: true, force: true });

console.log("\nGitHub's REST spec, generating it once first (a minute or two)…");
const github = generatedWorkspace({ github: githubSpec });
await warmHashCache(github);
const hashing = [
  "-e",
  `require("node:crypto").createHash("sha256").update(require("node:fs").readFileSync(${JSON.stringify(githubSpec)})).digest("hex")`,
];
console.log(`GitHub, nothing changed (baseline: node -e 0 reading and hashing the spec; ${RUNS} pairs)`);
row("unitask generate", paired([unitask, "generate"], hashing, github), "≤ 1x");
row("unitask generate --check", paired([unitask, "generate", "--check"], hashing, github), "≤ 1x");
rmSync(github, { recursive: true, force: true });
