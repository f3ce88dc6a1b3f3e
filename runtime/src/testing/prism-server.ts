// Prism (@stoplight/prism-cli), an implementation of a spec that this project did not write, started as a mock
// server for a package's spec/openapi.json: on a free 127.0.0.1 port, waited for with a bounded deadline, and
// stopped by the PID of its own process (the CLI script run by this node, not a wrapper such as npx).

import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface PrismServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** How long Prism may take to answer its first request. It usually needs about 2 s. */
  readyWithinMs?: number;
}

// Resolved from wherever the package's tests run, as a (dev) dependency of the package or of this repository.
const require = createRequire(import.meta.url);
const pollIntervalMs = 100;
const stopWithinMs = 5_000;
const outputTailLength = 2_000;
// A port found free can be taken before Prism binds it; a second try with a new port settles that race.
const attempts = 3;

export async function startPrism(specFile: string | URL, options: PrismOptions = {}): Promise<PrismServer> {
  const spec = specFile instanceof URL ? fileURLToPath(specFile) : specFile;
  const deadline = Date.now() + (options.readyWithinMs ?? 20_000);
  let lastFailure: Error | undefined;
  for (let attempt = 0; attempt < attempts && Date.now() < deadline; attempt++) {
    try {
      return await launch(spec, await findFreePort(), deadline);
    } catch (error) {
      lastFailure = error as Error;
    }
  }
  throw lastFailure ?? new Error(`Prism did not start for ${spec}`);
}

/**
 * A fetch that adds `headers` to every request, for a client that must ask Prism for something: a status
 * (`Prefer: code=404`) or a media type (`Accept`). Given as the client's `fetch` runtime option.
 */
export function withRequestHeaders(headers: Record<string, string>): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    return fetch(request);
  };
}

async function launch(spec: string, port: number, deadline: number): Promise<PrismServer> {
  const child = spawn(process.execPath, [prismCli(), "mock", spec, "-p", String(port), "-h", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keepTail = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-outputTailLength));
  child.stdout?.on("data", keepTail);
  child.stderr?.on("data", keepTail);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A test run that dies before afterAll must not leave Prism behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.off("exit", killOnExit);
    await stopChild(child, exited);
  };
  try {
    await waitUntilAnswering(url, child, deadline);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\nPrism's output:\n${output}`);
  }
  return { url, pid: child.pid!, stop };
}

async function waitUntilAnswering(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Prism exited before answering at ${url}`);
    // Any HTTP answer, even a 404 for the root path, means Prism is listening.
    if (await answers(url, Math.max(1, deadline - Date.now()))) return;
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
  throw new Error(`Prism did not answer at ${url} before the deadline`);
}

function answers(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(url, { method: "GET", timeout: Math.min(timeoutMs, 1_000) }, (response) => {
      response.resume();
      resolve(true);
    });
    probe.on("timeout", () => probe.destroy());
    probe.on("error", () => resolve(false));
    probe.end();
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), stopWithinMs))),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
}

async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The CLI script itself (the package's `bin`), so that the child's PID is Prism's own. */
function prismCli(): string {
  const manifest = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return path.join(path.dirname(manifest), bin.prism!);
}
