// What the generated client costs over plain `fetch` + `res.json()`: both read the same task from a loopback server
// running in a child process (so the server's work does not share a thread with either client), one request at a
// time, in alternating paired rounds so that a noisy neighbour slows both alike. The client is Deck's generated
// package compiled to JavaScript as `npm pack` would build it (tsx would add a `__name` call to every closure, a
// cost no consumer pays). Prints requests/s, CPU per request and the median (and range) of the rounds' ratios; the
// target, at most 1.10x, is judged on this process's CPU time per request, which the machine's load disturbs least.
// It asserts nothing: `npx tsx bench/client-overhead.ts` (BENCH_ROUNDS, BENCH_REQUESTS to change the sample).
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import type { createDeckClient as CreateDeckClient } from "../generated/deck/src/client.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 1_000);
const TARGET = 1.1;

const task = {
  id: "task_01HZX3",
  name: "Book a flight",
  description: "Finds and books the cheapest direct flight for the given dates.",
  status: "live",
  created_at: "2026-01-02T03:04:05Z",
  updated_at: "2026-01-03T03:04:05Z",
  input_schema: { type: "object", properties: { from: { type: "string" }, to: { type: "string" } } },
  output_schema: { type: "object", properties: { booking_id: { type: "string" } } },
};

/** The child's side: serves the task on an ephemeral port and reports the port. */
function serve(): void {
  const body = JSON.stringify(task);
  const server = createServer((_, response) =>
    response
      .writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
      .end(body),
  );
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send?.((server.address() as AddressInfo).port));
}

const repoRoot = fileURLToPath(new URL("../", import.meta.url));
// Inside the repository's node_modules, so that the compiled packages resolve openapi-fetch from it.
const buildRoot = path.join(repoRoot, "node_modules/.cache/unitask-client-overhead");

/** Transpiles one generated package's `src/` to `outDir`, file by file, as tsc emits it. */
function transpilePackage(sourceDir: string, outDir: string): void {
  for (const entry of readdirSync(sourceDir, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith(".ts")) continue;
    const { outputText } = ts.transpileModule(readFileSync(path.join(sourceDir, entry), "utf8"), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
      fileName: entry,
    });
    const target = path.join(outDir, entry.replace(/\.ts$/, ".js"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
}

/** Builds @unitask/core and @unitask/deck under `buildRoot` and loads Deck's `createDeckClient` from there. */
async function loadCompiledDeckClient(): Promise<typeof CreateDeckClient> {
  rmSync(buildRoot, { recursive: true, force: true });
  const core = path.join(buildRoot, "node_modules/@unitask/core");
  transpilePackage(path.join(repoRoot, "generated/core/src"), path.join(core, "dist"));
  writeFileSync(path.join(core, "package.json"), readFileSync(path.join(repoRoot, "generated/core/package.json")));
  const deck = path.join(buildRoot, "deck");
  transpilePackage(path.join(repoRoot, "generated/deck/src"), path.join(deck, "dist"));
  writeFileSync(path.join(deck, "package.json"), JSON.stringify({ type: "module" }));
  const module = (await import(pathToFileURL(path.join(deck, "dist/client.js")).href)) as {
    createDeckClient: typeof CreateDeckClient;
  };
  return module.createDeckClient;
}

async function startServerProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve(message as number));
    child.once("error", reject);
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

interface Round {
  requestsPerSecond: number;
  /** This process's CPU time per request, in microseconds: what the client itself costs, whatever the load. */
  cpuMicroseconds: number;
}

async function measure(call: () => Promise<unknown>): Promise<Round> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let index = 0; index < REQUESTS_PER_ROUND; index++) await call();
  const cpu = process.cpuUsage(cpuStart);
  return {
    requestsPerSecond: (REQUESTS_PER_ROUND * 1000) / (performance.now() - start),
    cpuMicroseconds: (cpu.user + cpu.system) / REQUESTS_PER_ROUND,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const createDeckClient = await loadCompiledDeckClient();
  const { url, child } = await startServerProcess();
  try {
    const plainUrl = `${url}/tasks/task_01HZX3`;
    const plain = async () => (await fetch(plainUrl, { headers: { authorization: "Bearer sk_bench_token" } })).json();
    const deck = createDeckClient({ token: "sk_bench_token", baseUrl: url });
    const generated = () => deck.getTask("task_01HZX3");

    // Warm both paths (JIT, connection pool) before measuring.
    await measure(plain);
    await measure(generated);

    const plainRounds: Round[] = [];
    const generatedRounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so that neither always runs on a warmer or quieter machine.
      if (round % 2 === 0) {
        plainRounds.push(await measure(plain));
        generatedRounds.push(await measure(generated));
      } else {
        generatedRounds.push(await measure(generated));
        plainRounds.push(await measure(plain));
      }
    }
    const cpuRatios = plainRounds.map(
      (round, index) => generatedRounds[index]!.cpuMicroseconds / round.cpuMicroseconds,
    );
    const timeRatios = plainRounds.map(
      (round, index) => round.requestsPerSecond / generatedRounds[index]!.requestsPerSecond,
    );
    const rate = (rounds: Round[]) => median(rounds.map((round) => round.requestsPerSecond)).toFixed(0);
    const cpu = (rounds: Round[]) => median(rounds.map((round) => round.cpuMicroseconds)).toFixed(0);
    const ratio = (ratios: number[]) =>
      `${median(ratios).toFixed(2)}x (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    const cpuRatio = median(cpuRatios);
    console.log(`client overhead, ${ROUNDS} paired rounds of ${REQUESTS_PER_ROUND} sequential requests`);
    console.log(`  fetch + res.json()          ${rate(plainRounds)} requests/s   ${cpu(plainRounds)} µs CPU/request`);
    console.log(
      `  generated client (Deck)     ${rate(generatedRounds)} requests/s   ${cpu(generatedRounds)} µs CPU/request`,
    );
    console.log(`  CPU per request, ratio      ${ratio(cpuRatios)}`);
    console.log(`  time per request, ratio     ${ratio(timeRatios)}  (wall time: the machine's load shows here)`);
    console.log(
      `  target: CPU ratio ≤ ${TARGET.toFixed(2)}x   ${cpuRatio <= TARGET ? "met" : "MISSED"} (median ${cpuRatio.toFixed(2)}x)`,
    );
  } finally {
    child.kill();
  }
}

if (process.argv.includes("--serve")) serve();
else await main();
