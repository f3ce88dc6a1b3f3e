// End to end, as a new user: a fresh project installs the packed unitask as a dev dependency,
// generates packages from a spec of its own under its own npm scope, builds and packs them as npm
// workspaces; a second fresh project installs those tarballs and calls the API from an ES module
// and from CommonJS, against a loopback server.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalSpec, repoRoot, run } from "./workspace.js";

const npmInstall = ["install", "--no-audit", "--no-fund", "--prefer-offline"];

const esmConsumer = `
import { createWidgetsClient, NotFoundError } from "@acme/widgets";
const client = createWidgetsClient({ baseUrl: process.argv[2], maxRetries: 0 });
const thing = await client.getThing("t1");
const missing = await client.getThing("missing").catch((error) => error);
console.log(JSON.stringify({ id: thing.id, notFound: missing instanceof NotFoundError }));
`;

const cjsConsumer = `
const { createWidgetsClient, ApiError } = require("@acme/widgets");
const runtime = require("@acme/runtime");
const client = createWidgetsClient({ baseUrl: process.argv[2], maxRetries: 0 });
client.getThing("t1").then((thing) => {
  console.log(JSON.stringify({ id: thing.id, sharedRuntime: ApiError === runtime.ApiError }));
});
`;

describe("a project that installs unitask, and one that installs what it generated", () => {
  const folders: string[] = [];
  const folder = (name: string) => {
    const created = mkdtempSync(path.join(tmpdir(), `unitask-${name}-`));
    folders.push(created);
    return created;
  };
  let producer: string;
  let consumer: string;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const tarballs = folder("tarballs");
    run("npm", ["pack", "--silent", "--pack-destination", tarballs], repoRoot);

    producer = folder("producer");
    writeFileSync(
      path.join(producer, "package.json"),
      JSON.stringify({ name: "acme-clients", private: true, type: "module" }),
    );
    run("npm", [...npmInstall, "--save-dev", path.join(tarballs, "unitask-0.1.0.tgz")], producer);

    server = createServer((request, response) => {
      const found = request.url?.endsWith("/things/t1");
      response.writeHead(found ? 200 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify(found ? { id: "t1" } : { message: "no such thing" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 300_000);

  afterAll(() => {
    server?.close();
    for (const created of folders) rmSync(created, { recursive: true, force: true });
  });

  it("generates from the project's own spec and config, with the compiled CLI", () => {
    mkdirSync(path.join(producer, "api/widgets"), { recursive: true });
    writeFileSync(
      path.join(producer, "api/widgets/openapi.yaml"),
      minimalSpec().replace(
        "  version: 1.0.0\n",
        "  version: 1.0.0\n  license:\n    name: Apache 2.0\n    identifier: Apache-2.0\n",
      ),
    );
    writeFileSync(
      path.join(producer, "unitask.config.json"),
      JSON.stringify({ specs: "api", out: "clients", scope: "@acme", runtimePackage: "@acme/runtime" }),
    );
    const output = run("npx", ["unitask", "generate"], producer);
    expect(output).toMatch(/^core: generated \(\d+ files changed\)\nwidgets: generated \(\d+ files changed\)\n$/);
    expect(JSON.parse(readFileSync(path.join(producer, "clients/widgets/package.json"), "utf8"))).toMatchObject({
      name: "@acme/widgets",
      license: "Apache-2.0",
      peerDependencies: { "@acme/runtime": "^0.1.0" },
    });
    expect(run("npx", ["unitask", "generate", "--check"], producer)).toBe("core: up to date\nwidgets: up to date\n");
  }, 120_000);

  it("builds and packs the packages as npm workspaces, core first", () => {
    const manifest = JSON.parse(readFileSync(path.join(producer, "package.json"), "utf8"));
    writeFileSync(
      path.join(producer, "package.json"),
      JSON.stringify({ ...manifest, workspaces: ["clients/core", "clients/*"] }),
    );
    run("npm", [...npmInstall], producer);
    run("npm", ["run", "build", "--workspaces"], producer);
    const packed = folder("packed");
    run("npm", ["pack", "--workspaces", "--silent", "--pack-destination", packed], producer);
    expect(readdirSync(packed).sort()).toEqual(["acme-runtime-0.1.0.tgz", "acme-widgets-0.1.0.tgz"]);

    consumer = folder("consumer");
    writeFileSync(path.join(consumer, "package.json"), JSON.stringify({ name: "app", private: true }));
    run("npm", [...npmInstall, ...readdirSync(packed).map((file) => path.join(packed, file))], consumer);
  }, 300_000);

  it.each([
    ["an ES module", { file: "main.mjs", source: esmConsumer, want: { id: "t1", notFound: true } }],
    ["CommonJS", { file: "main.cjs", source: cjsConsumer, want: { id: "t1", sharedRuntime: true } }],
  ])(
    "uses the installed packages from %s",
    async (_name, { file, source, want }) => {
      writeFileSync(path.join(consumer, file), source);
      // Asynchronously: the loopback server answers from this process's event loop.
      const { stdout } = await promisify(execFile)("node", [file, baseUrl], { cwd: consumer, timeout: 30_000 });
      expect(JSON.parse(stdout)).toEqual(want);
    },
    60_000,
  );
});
