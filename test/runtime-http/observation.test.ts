// When a call is observed: the transport runs unwrapped while nothing listens (no `onEvent`, no span recorded), so
// these check that it is observed again as soon as something does: a tracer provider registered after calls were
// made, the first call of a process (which waits for the lazy import of the API), an `onEvent` without a tracer.
import { trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { callOperation, createHttpClient, type ClientRuntimeOptions } from "../../runtime/src/http/index.js";
import type { HttpAttemptEvent } from "../../runtime/src/observability/events.js";
import { resetOpenTelemetry } from "../../runtime/src/observability/tracing.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

const exporter = new InMemorySpanExporter();

afterEach(async () => {
  trace.disable();
  exporter.reset();
  resetOpenTelemetry();
  await closeAll();
});

function registerTracer(): void {
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
}

async function callTwice(runtime: ClientRuntimeOptions = {}) {
  const server = await startServer((_, response, index) =>
    index === 0 ? json(response, 503, {}, { "retry-after": "0" }) : json(response, 200, task),
  );
  const client = createHttpClient<paths>({ provider: "deck", baseUrl: server.url, runtime });
  await expect(callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } })).resolves.toEqual(task);
  return `${server.url}/tasks/t`;
}

const spans = () =>
  exporter.getFinishedSpans().map((span) => ({
    name: span.name,
    url: span.attributes["url.full"],
    events: span.events.map((event) => event.attributes?.["http.response.status_code"]),
  }));

describe("observation", () => {
  it.each([
    ["the first call of a process, with a tracer", { before: [], registered: true }],
    ["calls made before a tracer is registered, then one after", { before: [undefined], registered: true }],
    ["calls without a tracer", { before: [undefined, undefined], registered: false }],
  ])("%s", async (_, { before, registered }) => {
    for (const runtime of before) await callTwice(runtime);
    expect(spans()).toEqual([]);
    if (registered) registerTracer();
    const url = await callTwice();
    expect(spans()).toEqual(registered ? [{ name: "deck getTask", url, events: [503, 200] }] : []);
  });

  it("reports every attempt to onEvent while no span is recorded", async () => {
    const events: HttpAttemptEvent[] = [];
    await callTwice();
    const url = await callTwice({ onEvent: (event) => events.push(event) });
    expect(events.map(({ attempt, status, url }) => ({ attempt, status, url }))).toEqual([
      { attempt: 1, status: 503, url },
      { attempt: 2, status: 200, url },
    ]);
    expect(spans()).toEqual([]);
  });
});
