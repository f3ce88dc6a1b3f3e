// What a re-run costs when nothing changed: `unitask generate` and `generate --check` on the four seeds
// against `node -e 0`, and on GitHub's 13 MB spec against `node -e 0` plus hashing that spec. Whole
// processes of the compiled CLI (built first), the median of several runs. It prints ratios; it asserts nothing.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const unitask = path.join(repoRoot, "bin/unitask.js");
const githubSpec = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

/** The median wall time of `node <args>`, in milliseconds. */
function median(args: string[], cwd: string): number {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    execFileSync("node", args, { cwd, stdio: "ignore" });
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
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

function row(label: string, ms: number, baseline: number, target: string): void {
  console.log(
    `  ${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / baseline).toFixed(2)}x   (target ${target})`,
  );
}

execFileSync("npm", ["run", "build:cli", "--silent"], { cwd: repoRoot, stdio: "inherit" });
const nodeStart = median(["-e", "0"], repoRoot);
console.log(`node -e 0: ${nodeStart.toFixed(0)} ms (median of ${RUNS})`);

const seeds = generatedWorkspace(
  Object.fromEntries(
    ["deck", "eden", "neo", "quant"].map((name) => [name, path.join(repoRoot, "specs", name, "openapi.yaml")]),
  ),
);
console.log("\nfour seeds, nothing changed (ratio to node -e 0)");
row("unitask generate", median([unitask, "generate"], seeds), nodeStart, "≤ 2x");
row("unitask generate --check", median([unitask, "generate", "--check"], seeds), nodeStart, "≤ 2x");
rmSync(seeds, { recursive: true, force: true });

console.log("\nGitHub's REST spec, generating it once first (about a minute)…");
const github = generatedWorkspace({ github: githubSpec });
const hashing = median(
  [
    "-e",
    `require("node:crypto").createHash("sha256").update(require("node:fs").readFileSync(${JSON.stringify(githubSpec)})).digest("hex")`,
  ],
  repoRoot,
);
console.log(`GitHub, nothing changed (ratio to node -e 0 plus hashing the spec: ${hashing.toFixed(0)} ms)`);
row("unitask generate", median([unitask, "generate"], github), hashing, "≤ 1x");
row("unitask generate --check", median([unitask, "generate", "--check"], github), hashing, "≤ 1x");
rmSync(github, { recursive: true, force: true });
