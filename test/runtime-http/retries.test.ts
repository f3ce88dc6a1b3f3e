// Retries over real HTTP: which failures are retried, how often, and how long the client waits.
import { afterEach, describe, expect, it } from "vitest";
import {
  callOperation,
  createHttpClient,
  InternalServerError,
  RateLimitError,
  type ClientRuntimeOptions,
} from "../../runtime/src/http/index.js";
import { defaultMaxResponseBytes } from "../../runtime/src/http/read-body.js";
import { createRedactor } from "../../runtime/src/http/redaction.js";
import {
  fetchWithRetries,
  type RetryEnvironment,
  type TransportSettings,
} from "../../runtime/src/http/resilient-fetch.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

afterEach(closeAll);

function clientFor(url: string, runtime: ClientRuntimeOptions = {}) {
  return createHttpClient<paths>({ baseUrl: url, runtime: { timeoutMs: 2_000, ...runtime } });
}

const getTask = (client: ReturnType<typeof clientFor>) =>
  callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } });

describe("retries", () => {
  it("succeeds after one retry when a 503 is followed by a 200", async () => {
    const server = await startServer((_, response, index) =>
      index === 0 ? json(response, 503, { errors: [], request_id: "r" }) : json(response, 200, task),
    );
    await expect(getTask(clientFor(server.url))).resolves.toEqual(task);
    expect(server.requests).toHaveLength(2);
  });

  it("waits as long as Retry-After asks on a 429, then succeeds", async () => {
    const server = await startServer((_, response, index) =>
      index === 0 ? response.writeHead(429, { "retry-after": "1" }).end() : json(response, 200, task),
    );
    const started = performance.now();
    await expect(getTask(clientFor(server.url))).resolves.toEqual(task);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after maxRetries + 1 attempts with a typed InternalServerError", async () => {
    const server = await startServer((_, response) => json(response, 500, { errors: [], request_id: "req_500" }));
    const error = await getTask(clientFor(server.url, { maxRetries: 2 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, requestId: "req_500", operationId: "getTask" });
    expect(server.requests).toHaveLength(3);
  });

  it("lets a call lower maxRetries", async () => {
    const server = await startServer((_, response) => json(response, 500, { errors: [], request_id: "r" }));
    const call = callOperation(
      clientFor(server.url),
      operationSpecs.getTask,
      { path: { task_id: "t" } },
      { maxRetries: 0 },
    );
    await expect(call).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("returns a 429 at once when Retry-After asks for more than a minute", async () => {
    const server = await startServer((_, response) => response.writeHead(429, { "retry-after": "3600" }).end());
    await expect(getTask(clientFor(server.url))).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry a 4xx other than 408 and 429", async () => {
    const server = await startServer((_, response) => json(response, 404, { errors: [], request_id: "r" }));
    await expect(getTask(clientFor(server.url))).rejects.toMatchObject({ status: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry a POST by default", async () => {
    const server = await startServer((_, response) => json(response, 503, {}));
    const call = callOperation(clientFor(server.url), operationSpecs.updateTask, {
      path: { task_id: "task_1" },
      body: { name: "renamed" },
    });
    await expect(call).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a POST, body and all, when retryNonIdempotent is set", async () => {
    const server = await startServer((_, response, index) =>
      index === 0 ? json(response, 503, {}) : json(response, 200, task),
    );
    const client = clientFor(server.url, { retryNonIdempotent: true });
    const call = callOperation(
      client,
      operationSpecs.updateTask,
      { path: { task_id: "task_1" } },
      { body: { name: "renamed" } },
    );
    await expect(call).resolves.toEqual(task);
    expect(server.requests.map((request) => [request.method, request.body])).toEqual([
      ["POST", '{"name":"renamed"}'],
      ["POST", '{"name":"renamed"}'],
    ]);
  });
});

describe("the waits between attempts", () => {
  function recordingEnvironment(random: number): RetryEnvironment & { waits: number[] } {
    const waits: number[] = [];
    return {
      waits,
      sleep: async (ms) => void waits.push(ms),
      random: () => random,
      now: () => Date.parse("2030-01-01T00:00:00Z"),
    };
  }

  const settings: TransportSettings = {
    maxRetries: 4,
    timeoutMs: 2_000,
    retryNonIdempotent: false,
    maxResponseBytes: defaultMaxResponseBytes,
    maxRedirects: 10,
    credentials: [],
    credentialHeaders: [],
    redactor: createRedactor([]),
    fetch: (url, init) => fetch(url, init),
  };

  it("double from 0.5 s, with up to 25 % jitter taken off", async () => {
    const server = await startServer((_, response) => response.writeHead(503).end());
    const environment = recordingEnvironment(0);
    const response = await fetchWithRetries(new Request(server.url), settings, environment);
    expect(response.status).toBe(503);
    expect(environment.waits).toEqual([500, 1000, 2000, 4000]);

    const jittered = recordingEnvironment(0.5);
    await fetchWithRetries(new Request(server.url), { ...settings, maxRetries: 1 }, jittered);
    expect(jittered.waits).toEqual([437.5]);
  });

  it("are capped at 8 s", async () => {
    const server = await startServer((_, response) => response.writeHead(502).end());
    const environment = recordingEnvironment(0);
    await fetchWithRetries(new Request(server.url), { ...settings, maxRetries: 6 }, environment);
    expect(environment.waits.slice(-2)).toEqual([8000, 8000]);
  });

  it.each([
    ["retry-after in seconds", { "retry-after": "2" }, 2000],
    ["retry-after as an HTTP date", { "retry-after": "Tue, 01 Jan 2030 00:00:03 GMT" }, 3000],
    ["retry-after-ms", { "retry-after-ms": "250" }, 250],
    ["an unreadable retry-after (backoff instead)", { "retry-after": "soon" }, 500],
  ])("follow %s", async (_, headers, wait) => {
    const server = await startServer((_, response) => response.writeHead(429, headers).end());
    const environment = recordingEnvironment(0);
    await fetchWithRetries(new Request(server.url), { ...settings, maxRetries: 1 }, environment);
    expect(environment.waits).toEqual([wait]);
  });
});
