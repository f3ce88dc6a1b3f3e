// Each provider's generated task client against a real HTTP server on 127.0.0.1 that speaks the provider's wire
// format at its real path: getTask sends the provider's credential and returns the unified task, and waitForTask
// follows the task as the server advances it, through failure, abort, timeout and 503s between polls.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  TaskAbortedError,
  TaskFailedError,
  TaskTimeoutError,
  waitForTask,
  type TaskClient,
  type TaskStatus,
  type UnifiedTask,
} from "@unitask/core";
import { createDeckTaskClient } from "@unitask/deck";
import { createEdenTaskClient } from "@unitask/eden";
import { createNeoTaskClient } from "@unitask/neo";
import { createQuantTaskClient } from "@unitask/quant";
import { examples } from "./examples.js";
import { providers, type Provider } from "./providers.js";

const SECRET = "secret";
const ORGANISATION = "acme";
const polling = { intervalMs: 10, maxIntervalMs: 50, timeoutMs: 5000 };

/** How a provider serves its task: where, behind which credential, and its response for a given status. */
interface ProviderWire {
  /** What the provider's server URL adds to the origin (Deck's server is https://api.deck.co/v2). */
  basePath: string;
  taskPath(id: string): string;
  createClient(baseUrl: string): TaskClient;
  /** The credential the client must send, as the server receives it. */
  credential: { authorization?: string; apiKey?: string };
  /** The provider's realistic response (see examples.ts) with its own status, and progress where it has one. */
  respond(status: string, progress?: number): unknown;
}

const { eden, quant, deck, neo } = examples;

const wires: Record<Provider, ProviderWire> = {
  eden: {
    basePath: "",
    taskPath: (id) => `/v2/tasks/${id}`,
    createClient: (baseUrl) => createEdenTaskClient({ baseUrl, apiKey: SECRET, maxRetries: 0 }),
    credential: { apiKey: SECRET },
    respond: (status, progress) => ({ task: { ...eden.body.task, status, progress } }),
  },
  quant: {
    basePath: "",
    taskPath: (id) => `/api/v3/organizations/${ORGANISATION}/ai/tasks/${id}`,
    createClient: (baseUrl) =>
      createQuantTaskClient({ baseUrl, token: SECRET, organisation: ORGANISATION, maxRetries: 0 }),
    credential: { authorization: `Bearer ${SECRET}` },
    respond: (status, progress) => ({ ...quant.body, status, progress }),
  },
  deck: {
    basePath: "/v2",
    taskPath: (id) => `/v2/tasks/${id}`,
    createClient: (baseUrl) => createDeckTaskClient({ baseUrl, token: SECRET, maxRetries: 0 }),
    credential: { authorization: `Bearer ${SECRET}` },
    respond: (status) => ({ ...deck.body, status }),
  },
  neo: {
    basePath: "",
    taskPath: (id) => `/api/v1/tasks/${id}`,
    createClient: (baseUrl) => createNeoTaskClient({ baseUrl, token: SECRET, maxRetries: 0 }),
    credential: { authorization: `Bearer ${SECRET}` },
    // The current run's status is in stream.streamStatus and in the newest of streams[].
    respond: (status) => ({
      ...neo.body,
      stream: { ...neo.body.stream, streamStatus: status },
      streams: [neo.body.streams[0], { ...neo.body.streams[1], status }],
    }),
  },
};

const taskIds: Record<Provider, string> = {
  eden: eden.want.id,
  quant: quant.want.id,
  deck: deck.want.id,
  neo: neo.want.id,
};

/** One answer of the scripted server: the task in a provider status, a whole body, an HTTP error, or no answer. */
type Step = { status: string; progress?: number } | { body: unknown } | { httpStatus: number } | "hang";

interface ReceivedRequest {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  apiKey: string | undefined;
}

interface ProviderServer {
  client: TaskClient;
  requests: ReceivedRequest[];
  /** Settles when the server receives a request it will never answer. */
  hanging: Promise<void>;
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/**
 * Serves `steps` in order (the last one repeats) at the provider's task path, to requests that carry its
 * credential: anything else gets 404 or 401, which waitForTask does not poll through. Returns the provider's
 * task client pointed at it.
 */
async function serveTask(provider: Provider, steps: readonly Step[]): Promise<ProviderServer> {
  const wire = wires[provider];
  const requests: ReceivedRequest[] = [];
  let answered = 0;
  let hung: () => void = () => {};
  const hanging = new Promise<void>((resolve) => (hung = resolve));
  const server = createServer((request, response) => {
    const apiKey = request.headers["x-api-key"];
    const received = {
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      apiKey: typeof apiKey === "string" ? apiKey : undefined,
    };
    requests.push(received);
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (received.method !== "GET" || received.url !== wire.taskPath(taskIds[provider]))
      return json(404, { message: "no such task" });
    if (received.authorization !== wire.credential.authorization || received.apiKey !== wire.credential.apiKey)
      return response.writeHead(401).end();
    const step = steps[Math.min(answered, steps.length - 1)];
    answered += 1;
    if (step === undefined || step === "hang") return hung();
    if ("httpStatus" in step) return json(step.httpStatus, { message: "unavailable" });
    json(200, "body" in step ? step.body : wire.respond(step.status, step.progress));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { client: wire.createClient(`http://127.0.0.1:${port}${wire.basePath}`), requests, hanging };
}

/** Waits with the test's polling settings, recording each status and progress onProgress reports. */
async function follow(client: TaskClient, id: string) {
  const seen: [TaskStatus, number | null][] = [];
  const task = await waitForTask(client, id, {
    ...polling,
    onProgress: (update) => seen.push([update.status, update.progress]),
  });
  return { task, seen };
}

/** The rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.unreachable(`resolved with ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

describe("getTask", { timeout: 2000 }, () => {
  it.each(providers)(
    "%s: fetches the task at the provider's path with its credential and returns it unified",
    async (provider) => {
      const { body, want } = examples[provider];
      const { client, requests } = await serveTask(provider, [{ body }]);
      const task = await client.getTask(taskIds[provider]);
      expect(task).toEqual({ ...want, raw: body });
      expect(client.provider).toBe(provider);
      expect(requests).toEqual([
        {
          method: "GET",
          url: wires[provider].taskPath(taskIds[provider]),
          authorization: undefined,
          apiKey: undefined,
          ...wires[provider].credential,
        },
      ]);
    },
  );
});

describe("waitForTask with each provider's task client", { timeout: 2000 }, () => {
  const successes: [Provider, { steps: Step[]; seen: [TaskStatus, number | null][]; providerStatus: string }][] = [
    [
      "eden",
      {
        steps: [
          { status: "pending", progress: 0 },
          { status: "running", progress: 0.5 },
          { status: "running", progress: 0.5 },
          { status: "completed", progress: 1 },
        ],
        seen: [
          ["queued", 0],
          ["running", 0.5],
          ["succeeded", 1],
        ],
        providerStatus: "completed",
      },
    ],
    [
      "quant",
      {
        steps: [
          { status: "pending", progress: 0 },
          { status: "in_progress", progress: 0.25 },
          { status: "in_progress", progress: 0.75 },
          { status: "completed", progress: 1 },
        ],
        seen: [
          ["queued", 0],
          ["running", 0.25],
          ["running", 0.75],
          ["succeeded", 1],
        ],
        providerStatus: "completed",
      },
    ],
    // A definition: learning until the agent has learned it, then ready (live), which the mapping makes terminal.
    [
      "deck",
      {
        steps: [{ status: "learning" }, { status: "learning" }, { status: "live" }],
        seen: [
          ["running", null],
          ["succeeded", null],
        ],
        providerStatus: "live",
      },
    ],
    [
      "neo",
      {
        steps: [{ status: "queued" }, { status: "running" }, { status: "running" }, { status: "completed" }],
        seen: [
          ["queued", null],
          ["running", null],
          ["succeeded", null],
        ],
        providerStatus: "completed",
      },
    ],
  ];
  it.each(successes)(
    "%s: follows the task through its statuses to success",
    async (provider, { steps, seen, providerStatus }) => {
      const { client, requests } = await serveTask(provider, steps);
      const followed = await follow(client, taskIds[provider]);
      expect(followed.seen).toEqual(seen);
      expect(followed.task).toMatchObject({
        provider,
        id: taskIds[provider],
        status: "succeeded",
        terminal: true,
        providerStatus,
      });
      expect(requests.map((request) => request.url)).toEqual(
        steps.map(() => wires[provider].taskPath(taskIds[provider])),
      );
    },
  );

  const failures: [Provider, { body: unknown; want: Partial<UnifiedTask>; message: string }][] = [
    [
      "eden",
      {
        body: {
          task: { ...eden.body.task, status: "failed", progress: 0.5, result: undefined, error: "CUDA out of memory" },
        },
        want: { status: "failed", providerStatus: "failed", error: { message: "CUDA out of memory" }, result: null },
        message: `Task ${eden.want.id} failed: CUDA out of memory`,
      },
    ],
    [
      "quant",
      {
        body: {
          ...quant.body,
          status: "failed",
          error: "Agent crashed",
          startedAt: 1735689650000,
          completedAt: 1735689800000,
        },
        want: {
          status: "failed",
          providerStatus: "failed",
          error: { message: "Agent crashed" },
          startedAt: "2025-01-01T00:00:50.000Z",
          completedAt: "2025-01-01T00:03:20.000Z",
        },
        message: `Task ${quant.want.id} failed: Agent crashed`,
      },
    ],
    [
      "neo",
      {
        body: wires.neo.respond("failed"),
        want: { status: "failed", providerStatus: "failed", error: null },
        message: `Task ${neo.want.id} failed`,
      },
    ],
  ];
  it.each(failures)(
    "%s: rejects with TaskFailedError carrying the failed task",
    async (provider, { body, want, message }) => {
      const { client } = await serveTask(provider, [
        { status: provider === "quant" ? "in_progress" : "running" },
        { body },
      ]);
      const failure = await rejectionOf(waitForTask(client, taskIds[provider], polling));
      expect(failure).toBeInstanceOf(TaskFailedError);
      expect((failure as Error).message).toBe(message);
      const { task } = failure as TaskFailedError;
      expect(task).toMatchObject({ provider, id: taskIds[provider], terminal: true, ...want });
      expect(task.raw).toEqual(JSON.parse(JSON.stringify(body)));
    },
  );

  it("neo: rejects with TaskAbortedError when the signal fires while a poll is in flight", async () => {
    const { client, requests, hanging } = await serveTask("neo", [{ status: "running" }, "hang"]);
    const controller = new AbortController();
    void hanging.then(() => controller.abort(new Error("user left")));
    const failure = await rejectionOf(waitForTask(client, neo.want.id, { ...polling, signal: controller.signal }));
    expect(failure).toBeInstanceOf(TaskAbortedError);
    expect((failure as TaskAbortedError).cause).toEqual(new Error("user left"));
    expect((failure as TaskAbortedError).lastTask).toMatchObject({
      provider: "neo",
      status: "running",
      providerStatus: "running",
    });
    expect(requests).toHaveLength(2);
  });

  it("deck: rejects with TaskTimeoutError carrying the last state when the definition is still learning", async () => {
    const { client, requests } = await serveTask("deck", [{ status: "learning" }]);
    const failure = await rejectionOf(waitForTask(client, deck.want.id, { ...polling, timeoutMs: 200 }));
    expect(failure).toBeInstanceOf(TaskTimeoutError);
    expect((failure as TaskTimeoutError).lastTask).toMatchObject({
      provider: "deck",
      status: "running",
      providerStatus: "learning",
    });
    expect((failure as Error).message).toBe(`Task ${deck.want.id} did not finish within 200 ms (last status: running)`);
    expect(requests.length).toBeGreaterThan(1);
  });

  it.each(providers)("%s: polls through 503s between polls and resolves when the task finishes", async (provider) => {
    const { steps } = successes.find(([name]) => name === provider)![1];
    const [first, ...rest] = steps;
    const { client, requests } = await serveTask(provider, [first!, { httpStatus: 503 }, { httpStatus: 503 }, ...rest]);
    const { task } = await follow(client, taskIds[provider]);
    expect(task).toMatchObject({ provider, status: "succeeded", terminal: true });
    expect(requests).toHaveLength(steps.length + 2);
  });
});
