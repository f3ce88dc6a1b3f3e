// Downstream, as a user gets them: every generated package packs (building with tsc; the providers
// against core's build, linked by the npm workspace), passes attw and publint as packed, installs from
// its tarball into a fresh project, typechecks there under node16 and bundler resolution, and runs
// against a loopback server, imported from ES modules and required from CommonJS.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, run } from "./workspace.js";

const PACKAGES = ["core", "deck", "eden", "neo", "quant", "tasks"];
const tsc = path.join(repoRoot, "node_modules/typescript/bin/tsc");
const bin = (name: string) => path.join(repoRoot, "node_modules/.bin", name);

const requireSource = `
const { createDeckClient, NotFoundError } = require("@unitask/deck");
const core = require("@unitask/core");
const deck = createDeckClient({ token: "sk_test", baseUrl: process.argv[2], maxRetries: 0 });
deck.getTask("task_1").then(async (task) => {
  const failure = await deck.getTask("missing").catch((error) => error);
  // One runtime: the provider's error classes are core's.
  console.log(JSON.stringify({ name: task.name, notFound: failure instanceof NotFoundError, shared: NotFoundError === core.NotFoundError }));
});
`;

const consumerSource = `
import { ApiError, NotFoundError, createDeckClient, type GetTaskData } from "@unitask/deck";
import { createEdenClient } from "@unitask/eden";
import { createNeoClient } from "@unitask/neo";
import { createQuantClient } from "@unitask/quant";

declare const process: { argv: string[] };
const baseUrl = process.argv[2]!;
const deck = createDeckClient({ token: "sk_test", baseUrl, maxRetries: 0 });
const task: GetTaskData = await deck.getTask("task_1");
const name: string = task.name;
let status = 0;
try {
  await deck.getTask("missing");
} catch (error) {
  if (error instanceof NotFoundError) status = error.status;
  else if (error instanceof ApiError) status = -1;
}
void [createEdenClient, createNeoClient, createQuantClient];
console.log(JSON.stringify({ name, status }));
`;

function tsconfigFor(moduleResolution: "node16" | "bundler"): string {
  const module = moduleResolution === "node16" ? "node16" : "esnext";
  return JSON.stringify({
    compilerOptions: {
      target: "es2022",
      module,
      moduleResolution,
      strict: true,
      outDir: `out-${moduleResolution}`,
      types: [],
      lib: ["es2023", "dom"],
      skipLibCheck: false,
    },
    files: ["index.ts"],
  });
}

describe("the generated packages, consumed from their tarballs", () => {
  let consumer: string;
  let tarballs: string;
  const tarballOf = (name: string) =>
    path.join(
      tarballs,
      readdirSync(tarballs).find(
        (file) =>
          file ===
          `unitask-${name}-${JSON.parse(readFileSync(path.join(repoRoot, "generated", name, "package.json"), "utf8")).version}.tgz`,
      )!,
    );
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    tarballs = mkdtempSync(path.join(tmpdir(), "unitask-tarballs-"));
    for (const name of PACKAGES) {
      run("npm", ["pack", "--silent", "--pack-destination", tarballs], path.join(repoRoot, "generated", name));
    }
    consumer = mkdtempSync(path.join(tmpdir(), "unitask-consumer-"));
    writeFileSync(
      path.join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const files = readdirSync(tarballs).map((file) => path.join(tarballs, file));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...files], consumer);
    writeFileSync(path.join(consumer, "index.ts"), consumerSource);

    server = createServer((request, response) => {
      if (request.url?.endsWith("/tasks/task_1")) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            id: "task_1",
            object: "task",
            name: "Summarize",
            prompt: null,
            status: "live",
            agent_id: "agt_1",
            input_schema: null,
            output_schema: null,
            storage: null,
            created_at: "2026-01-01T00:00:00Z",
            updated_at: "2026-01-01T00:00:00Z",
            request_id: "req_1",
          }),
        );
      } else {
        response.writeHead(404, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            errors: [{ type: "task", code: "not_found", message: "No such task" }],
            request_id: "req_2",
          }),
        );
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 240_000);

  afterAll(() => {
    server?.close();
    for (const dir of [tarballs, consumer]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(["node16", "bundler"] as const)(
    "typechecks under moduleResolution %s",
    (moduleResolution) => {
      writeFileSync(path.join(consumer, `tsconfig.${moduleResolution}.json`), tsconfigFor(moduleResolution));
      run("node", [tsc, "-p", `tsconfig.${moduleResolution}.json`], consumer);
    },
    60_000,
  );

  it.each(PACKAGES)(
    "%s passes attw (ESM-only profile) and publint --strict, as packed",
    (name) => {
      // ESM only, by design: node 20.19 and later also load it from require (tested below).
      run(bin("attw"), [tarballOf(name), "--profile", "esm-only", "--format", "ascii"], consumer);
      const publint = run(bin("publint"), ["run", tarballOf(name), "--strict"], consumer);
      expect(publint).toContain("All good!");
    },
    60_000,
  );

  it("runs from CommonJS: require gets the same runtime the provider uses", async () => {
    writeFileSync(path.join(consumer, "require.cjs"), requireSource);
    const { stdout } = await promisify(execFile)("node", ["require.cjs", baseUrl], { cwd: consumer, timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({ name: "Summarize", notFound: true, shared: true });
  }, 60_000);

  it("compiles the usage examples of every package's README, as installed", () => {
    const files = PACKAGES.flatMap((name) => {
      const readme = readFileSync(path.join(consumer, "node_modules/@unitask", name, "README.md"), "utf8");
      const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
      expect(blocks.length, `${name}'s README has no TypeScript example`).toBeGreaterThan(0);
      return blocks.map((block, index) => {
        const file = `readme-${name}-${index}.ts`;
        writeFileSync(
          path.join(consumer, file),
          `declare const process: { env: Record<string, string | undefined> };\n${block}`,
        );
        return file;
      });
    });
    writeFileSync(
      path.join(consumer, "tsconfig.readme.json"),
      tsconfigFor("node16").replace('["index.ts"]', JSON.stringify(files)),
    );
    run("node", [tsc, "-p", "tsconfig.readme.json", "--noEmit"], consumer);
  }, 60_000);

  it("rejects a misuse at compile time (the types are real, not any)", () => {
    writeFileSync(
      path.join(consumer, "misuse.ts"),
      `import { createDeckClient } from "@unitask/deck";\nconst deck = createDeckClient({ token: "x" });\nconst n: number = (await deck.getTask("t")).name;\n`,
    );
    writeFileSync(
      path.join(consumer, "tsconfig.misuse.json"),
      tsconfigFor("node16").replace('"index.ts"', '"misuse.ts"'),
    );
    let output = "";
    try {
      execFileSync("node", [tsc, "-p", "tsconfig.misuse.json", "--noEmit"], { cwd: consumer, stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout: Buffer }).stdout);
    }
    expect(output).toContain("misuse.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.");
  }, 60_000);

  it("runs: typed data on 200, a NotFoundError on 404", async () => {
    run("node", [tsc, "-p", "tsconfig.node16.json"], consumer);
    // Asynchronously: the loopback server answers from this process's event loop.
    const { stdout } = await promisify(execFile)("node", ["out-node16/index.js", baseUrl], {
      cwd: consumer,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({ name: "Summarize", status: 404 });
  }, 60_000);
});
