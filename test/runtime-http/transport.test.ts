// Failures below HTTP over a real socket: cut connections, slow servers, refused connections, caller aborts.
import createClient from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  callOperation,
  createHttpClient,
  type CallOptions,
  type ClientRuntimeOptions,
} from "../../runtime/src/http/index.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, startServer, unusedUrl, type Script } from "./loopback-server.js";

afterEach(closeAll);
afterEach(() => void vi.unstubAllGlobals());

function getTask(url: string, runtime: ClientRuntimeOptions, options?: CallOptions) {
  const client = createHttpClient<paths>({ baseUrl: url, runtime });
  return callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }, options);
}

const body = JSON.stringify(task);

/** Headers and half the body, then the socket is destroyed. */
const cutMidBody: Script = (_, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
  response.write(body.slice(0, body.length / 2), () => response.socket?.destroy());
};

const neverAnswer: Script = () => undefined;

describe("connection failures", () => {
  it("a connection reset mid-body is an ApiConnectionError with its cause", async () => {
    const server = await startServer(cutMidBody);
    const error = await getTask(server.url, { maxRetries: 0, timeoutMs: 2_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).not.toBeInstanceOf(ApiTimeoutError);
    expect((error as ApiConnectionError).cause).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it("a GET cut mid-body is retried", async () => {
    const server = await startServer((request, response, index) =>
      index === 0
        ? cutMidBody(request, response, index)
        : response.writeHead(200, { "content-type": "application/json" }).end(body),
    );
    await expect(getTask(server.url, { timeoutMs: 2_000 })).resolves.toEqual(task);
    expect(server.requests).toHaveLength(2);
  });

  it("a refused connection is an ApiConnectionError", async () => {
    await expect(getTask(await unusedUrl(), { maxRetries: 0, timeoutMs: 2_000 })).rejects.toBeInstanceOf(
      ApiConnectionError,
    );
  });
});

describe("timeouts", () => {
  it("a response slower than timeoutMs is an ApiTimeoutError", async () => {
    const server = await startServer(neverAnswer);
    const error = await getTask(server.url, { maxRetries: 0, timeoutMs: 200 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 200, operationId: "getTask" });
    expect(server.requests).toHaveLength(1);
  });

  it("a timed-out attempt is retried up to maxRetries", async () => {
    const server = await startServer(neverAnswer);
    await expect(getTask(server.url, { maxRetries: 1, timeoutMs: 200 })).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("covers the body too: headers followed by a stalled body time out", async () => {
    const server = await startServer((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
      response.write(body.slice(0, 5));
    });
    await expect(getTask(server.url, { maxRetries: 0, timeoutMs: 200 })).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("can be set per call", async () => {
    const server = await startServer(neverAnswer);
    const call = getTask(server.url, { maxRetries: 0, timeoutMs: 60_000 }, { timeoutMs: 200 });
    await expect(call).rejects.toBeInstanceOf(ApiTimeoutError);
  });

  it("bounds a fetch that ignores its AbortSignal", async () => {
    const ignoresSignal = () => new Promise<Response>(() => undefined);
    await expect(
      getTask("http://127.0.0.1:9", { fetch: ignoresSignal, maxRetries: 0, timeoutMs: 200 }),
    ).rejects.toBeInstanceOf(ApiTimeoutError);
  });
});

describe("caller abort", () => {
  it("aborting while the request is in flight is an ApiUserAbortError, not retried", async () => {
    const server = await startServer(neverAnswer);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const call = getTask(server.url, { timeoutMs: 2_000 }, { signal: controller.signal });
    await expect(call).rejects.toBeInstanceOf(ApiUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("aborting during the wait before a retry stops at once", { timeout: 5_000 }, async () => {
    const server = await startServer((_, response) => response.writeHead(503, { "retry-after": "30" }).end());
    const controller = new AbortController();
    const call = getTask(server.url, { timeoutMs: 2_000 }, { signal: controller.signal });
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(ApiUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const server = await startServer(neverAnswer);
    const call = getTask(server.url, { timeoutMs: 2_000 }, { signal: AbortSignal.abort() });
    await expect(call).rejects.toBeInstanceOf(ApiUserAbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("the fetch in use", () => {
  it("is looked up at call time, not when the client is created", async () => {
    const runtime: ClientRuntimeOptions = {};
    const client = createHttpClient<paths>({ baseUrl: "http://127.0.0.1:9", runtime });
    const stubbed = vi.fn(async () => Response.json(task));
    vi.stubGlobal("fetch", stubbed);
    await expect(callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } })).resolves.toEqual(task);
    expect(stubbed).toHaveBeenCalledTimes(1);

    const injected = vi.fn(async () => Response.json({ ...task, name: "injected" }));
    runtime.fetch = injected;
    await expect(callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } })).resolves.toMatchObject({
      name: "injected",
    });
    expect(injected).toHaveBeenCalledTimes(1);
  });
});

describe("a client not made by createHttpClient", () => {
  it("still has its transport failures typed", async () => {
    const client = createClient<paths>({ baseUrl: await unusedUrl() });
    const call = callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } });
    await expect(call).rejects.toBeInstanceOf(ApiConnectionError);
  });
});
