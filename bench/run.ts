// npm run bench: unitask's speed as ratios to openapi-typescript's CLI on the same spec (GitHub's
// 13 MB REST spec, from @octokit/openapi) and on the four seed specs. Whole commands are timed,
// start-up included, the median of a few runs. It prints ratios; it asserts nothing.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const unitask = path.join(repoRoot, "bin/unitask.js");
const openapiTypescript = path.join(repoRoot, "node_modules/openapi-typescript/bin/cli.js");
const githubSpec = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function time(command: string[], cwd: string, before?: () => void): number {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    before?.();
    const start = performance.now();
    execFileSync("node", ["--max-old-space-size=8000", ...command], { cwd, stdio: "ignore" });
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

function workspace(specs: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "unitask-bench-"));
  for (const [name, file] of Object.entries(specs)) {
    mkdirSync(path.join(root, "specs", name), { recursive: true });
    cpSync(
      file,
      path.join(root, "specs", name, path.basename(file).endsWith(".json") ? "openapi.json" : "openapi.yaml"),
    );
  }
  return root;
}

function benchmark(label: string, specs: Record<string, string>): void {
  const root = workspace(specs);
  const typesOnly = Object.values(specs).reduce(
    (total, file) => total + time([openapiTypescript, file, "-o", path.join(root, "types.ts")], root),
    0,
  );
  const cold = time([unitask, "generate"], root, () =>
    rmSync(path.join(root, "generated"), { recursive: true, force: true }),
  );
  const unchanged = time([unitask, "generate"], root);
  const check = time([unitask, "generate", "--check"], root);
  console.log(`\n${label}`);
  console.log(`  openapi-typescript (types only)        ${(typesOnly / 1000).toFixed(2)} s   1.00x`);
  console.log(
    `  unitask generate, from scratch         ${(cold / 1000).toFixed(2)} s   ${(cold / typesOnly).toFixed(2)}x  (types + client + adapter + tests + package)`,
  );
  console.log(
    `  unitask generate, nothing changed      ${(unchanged / 1000).toFixed(2)} s   ${(unchanged / typesOnly).toFixed(2)}x`,
  );
  console.log(
    `  unitask generate --check, up to date   ${(check / 1000).toFixed(2)} s   ${(check / typesOnly).toFixed(2)}x`,
  );
  rmSync(root, { recursive: true, force: true });
}

console.log(`median of ${RUNS} runs each; ratios are to openapi-typescript's CLI on the same specs`);
benchmark("GitHub REST API (13 MB JSON, ~1,100 operations)", { github: githubSpec });
benchmark(
  "The four seed providers",
  Object.fromEntries(
    ["eden", "quant", "deck", "neo"].map((name) => [name, path.join(repoRoot, "specs", name, "openapi.yaml")]),
  ),
);
