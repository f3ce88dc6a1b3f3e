// What a program sees of calls and polls: an onEvent per HTTP attempt and per poll, URLs redacted of
// credentials, and OpenTelemetry spans (one per operation call with an event per attempt, one per wait),
// recorded by an in-memory exporter, against servers on 127.0.0.1.
import { trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTaskClient, waitForTask, type UnitaskEvent } from "@unitask/tasks";
import { callOperation, createHttpClient } from "../../runtime/src/http/index.js";
import { createRedactor } from "../../runtime/src/http/redaction.js";
import { redactUrl } from "../../runtime/src/observability/events.js";
import { loadOpenTelemetry, resetOpenTelemetry, startSpan } from "../../runtime/src/observability/tracing.js";
import { startLoopbackServer, type LoopbackServer } from "../../runtime/src/testing/loopback-server.js";
import { ORGANISATION, SECRET, startProviderServer, taskIds, type ProviderServer } from "./provider-server.js";

const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => {
  trace.setGlobalTracerProvider(tracerProvider);
});
afterAll(async () => {
  trace.disable();
  await tracerProvider.shutdown();
});

let server: ProviderServer | undefined;
let loopback: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  await loopback?.close();
  server = loopback = undefined;
  exporter.reset();
});

/** The events without their durations (checked apart), errors reduced to their class name. */
function comparable(events: UnitaskEvent[]) {
  return events.map(({ durationMs, error, ...event }) => {
    expect(durationMs).toBeGreaterThanOrEqual(0);
    return error === undefined ? event : { ...event, error: (error as Error).name };
  });
}

describe("onEvent", () => {
  it("reports every HTTP attempt and every poll of a wait", async () => {
    server = await startProviderServer("quant", [
      { status: "in_progress" },
      { httpStatus: 503 },
      { status: "completed", progress: 1 },
    ]);
    const events: UnitaskEvent[] = [];
    const onEvent = (event: UnitaskEvent) => events.push(event);
    const client = createTaskClient({
      provider: "quant",
      token: SECRET,
      organisation: ORGANISATION,
      baseUrl: server.baseUrl,
      onEvent,
    });
    await waitForTask(client, taskIds.quant, { intervalMs: 5, maxIntervalMs: 10, onEvent });
    const url = `${server.baseUrl}/api/v3/organizations/${ORGANISATION}/ai/tasks/${taskIds.quant}`;
    const http = { kind: "http-attempt", provider: "quant", operation: "getTask", url };
    const poll = { kind: "poll", provider: "quant", operation: "getTask", taskId: taskIds.quant };
    expect(comparable(events)).toEqual([
      { ...http, attempt: 1, status: 200 },
      { ...poll, attempt: 1, status: "running" },
      // The HTTP layer retries the 503 within the second poll.
      { ...http, attempt: 1, status: 503 },
      { ...http, attempt: 2, status: 200 },
      { ...poll, attempt: 2, status: "succeeded" },
    ]);
  });

  it("reports an attempt that got no response, without a status", async () => {
    const events: UnitaskEvent[] = [];
    const client = createTaskClient({
      provider: "deck",
      token: SECRET,
      baseUrl: "http://127.0.0.1:9/v2",
      maxRetries: 1,
      onEvent: (event) => events.push(event),
    });
    await expect(client.getTask("task_1")).rejects.toThrow("connection error");
    expect(comparable(events)).toEqual(
      [1, 2].map((attempt) => ({
        kind: "http-attempt",
        provider: "deck",
        operation: "getTask",
        attempt,
        status: undefined,
        url: "http://127.0.0.1:9/v2/tasks/task_1",
        error: "TypeError",
      })),
    );
  });

  it("never shows a credential sent in the query", async () => {
    loopback = await startLoopbackServer();
    loopback.serve({ status: 200, headers: { "content-type": "application/json" }, body: "{}" });
    const events: UnitaskEvent[] = [];
    const client = createHttpClient({
      provider: "keyed",
      baseUrl: loopback.url,
      credentials: [{ kind: "apiKey", in: "query", name: "api_key", value: "k3y/with+chars" }],
      runtime: { onEvent: (event) => events.push(event) },
    });
    await callOperation(client, {
      operationId: "getThing",
      method: "get",
      path: "/things",
      responses: { "200": ["application/json"] },
    });
    expect(loopback.requests[0]?.search).toBe("?api_key=k3y%2Fwith%2Bchars");
    expect(events.map((event) => "url" in event && event.url)).toEqual([`${loopback.url}/things?api_key=[redacted]`]);
  });
});

describe("redactUrl", () => {
  const cases: [string, { given: [string, string[]]; want: string }][] = [
    [
      "a query key",
      { given: ["https://x.test/a?key=abc123456", ["abc123456"]], want: "https://x.test/a?key=[redacted]" },
    ],
    [
      "a percent-encoded key",
      { given: ["https://x.test/a?key=a%2Fb012345", ["a/b012345"]], want: "https://x.test/a?key=[redacted]" },
    ],
    ["user info", { given: ["https://user:pw@x.test/a", []], want: "https://x.test/a" }],
    [
      "a key in the path",
      { given: ["https://x.test/keys/abc123456/tasks", ["abc123456"]], want: "https://x.test/keys/[redacted]/tasks" },
    ],
    [
      "a longer secret containing a shorter one",
      {
        given: ["https://x.test/?a=abcdefghijkl", ["abcdefghi", "abcdefghijkl"]],
        want: "https://x.test/?a=[redacted]",
      },
    ],
    ["no secret", { given: ["https://x.test/a?b=c", []], want: "https://x.test/a?b=c" }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(redactUrl(given[0], createRedactor(given[1]))).toBe(want);
  });
});

describe("OpenTelemetry spans", () => {
  it("one per operation call with an event per attempt, and one per wait with an event per poll", async () => {
    server = await startProviderServer("eden", [{ status: "running" }, { httpStatus: 502 }, { status: "completed" }]);
    const client = createTaskClient({ provider: "eden", apiKey: SECRET, baseUrl: server.baseUrl });
    await waitForTask(client, taskIds.eden, { intervalMs: 5, maxIntervalMs: 10 });
    const spans = exporter.getFinishedSpans().map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events.map((event) => [event.name, event.attributes]),
      status: span.status.code,
    }));
    const url = `${server.baseUrl}/v2/tasks/${taskIds.eden}`;
    const call = { name: "eden getTask", status: 0 };
    const attributes = {
      "http.request.method": "GET",
      "url.full": url,
      "unitask.provider": "eden",
      "unitask.operation": "getTask",
    };
    expect(spans).toEqual([
      {
        ...call,
        attributes: { ...attributes, "http.response.status_code": 200, "unitask.attempts": 1 },
        events: [["http.attempt", { attempt: 1, "http.response.status_code": 200 }]],
      },
      {
        ...call,
        attributes: { ...attributes, "http.response.status_code": 200, "unitask.attempts": 2 },
        events: [
          ["http.attempt", { attempt: 1, "http.response.status_code": 502 }],
          ["http.attempt", { attempt: 2, "http.response.status_code": 200 }],
        ],
      },
      {
        name: "unitask.watchTask",
        status: 0,
        attributes: {
          "unitask.provider": "eden",
          "unitask.task_id": taskIds.eden,
          "unitask.task_status": "succeeded",
          "unitask.polls": 2,
        },
        events: [
          ["poll", { attempt: 1, "unitask.task_status": "running" }],
          ["poll", { attempt: 2, "unitask.task_status": "succeeded" }],
        ],
      },
    ]);
    expect(JSON.stringify(spans)).not.toContain(SECRET);
  });

  it("marks a failed call and a failed wait as errors", async () => {
    server = await startProviderServer("deck", [{ httpStatus: 404 }]);
    const client = createTaskClient({ provider: "deck", token: SECRET, baseUrl: server.baseUrl });
    await expect(waitForTask(client, taskIds.deck, { intervalMs: 5 })).rejects.toMatchObject({ status: 404 });
    const spans = exporter.getFinishedSpans();
    expect(spans.map((span) => [span.name, span.status.code])).toEqual([
      ["deck getTask", 0],
      ["unitask.watchTask", 2],
    ]);
    expect(spans[1]?.events.map((event) => event.name)).toEqual(["poll", "exception"]);
  });
});

describe("without @opentelemetry/api", () => {
  afterEach(() => resetOpenTelemetry());

  it("imports nothing until the first span, then gives no-op spans when the import fails", async () => {
    resetOpenTelemetry();
    const imported: string[] = [];
    const missing = (specifier: string) => {
      imported.push(specifier);
      return Promise.reject(
        Object.assign(new Error(`Cannot find package '${specifier}'`), { code: "ERR_MODULE_NOT_FOUND" }),
      );
    };
    expect(imported).toEqual([]);
    await expect(loadOpenTelemetry(missing)).resolves.toBeUndefined();
    const span = await startSpan("x", { a: 1 });
    span.addEvent("e", {});
    span.fail(new Error("boom"));
    span.end();
    expect(imported).toEqual(["@opentelemetry/api"]);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
