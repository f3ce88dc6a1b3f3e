// The response-size cap, counted on decoded bytes while the body streams in: a typed error as soon as it is passed,
// for plain, chunked and compressed bodies alike, without reading (or inflating) the rest.
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  callOperation,
  createHttpClient,
  defaultMaxResponseBytes,
  ResponseTooLargeError,
  UnitaskError,
  type CallOptions,
  type ClientRuntimeOptions,
  type OperationSpec,
} from "../../runtime/src/http/index.js";
import { capturingOutput, expectNoCanary } from "./canary.js";
import { closeAll, startServer } from "./loopback-server.js";

afterEach(closeAll);

const canary = "sk_live_CANARY_size_42ee";

/** An operation whose 200 is text, so that any body of the right size is a success. */
const getText: OperationSpec = {
  operationId: "getText",
  method: "get",
  path: "/text",
  responses: { "200": ["text/plain"], "404": ["text/plain"] },
};

type Sender = (response: ServerResponse) => void;

const plain =
  (bytes: number, status = 200): Sender =>
  (response) =>
    response.writeHead(status, { "content-type": "text/plain" }).end("x".repeat(bytes));
const chunked =
  (bytes: number): Sender =>
  (response) => {
    response.writeHead(200, { "content-type": "text/plain" });
    for (let sent = 0; sent < bytes; sent += 100) response.write("x".repeat(Math.min(100, bytes - sent)));
    response.end();
  };
const gzipped =
  (bytes: number): Sender =>
  (response) =>
    response
      .writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" })
      .end(gzipSync(Buffer.from("x".repeat(bytes))));

const cases: [
  string,
  { send: Sender; runtime?: ClientRuntimeOptions; call?: CallOptions; want: number | "too large" },
][] = [
  ["a body exactly at the cap", { send: plain(1000), runtime: { maxResponseBytes: 1000 }, want: 1000 }],
  ["one byte past the cap", { send: plain(1001), runtime: { maxResponseBytes: 1000 }, want: "too large" }],
  ["a chunked body past the cap", { send: chunked(5000), runtime: { maxResponseBytes: 1000 }, want: "too large" }],
  ["a chunked body under it", { send: chunked(900), runtime: { maxResponseBytes: 1000 }, want: 900 }],
  [
    "a gzip body small on the wire, past the cap decoded",
    { send: gzipped(5000), runtime: { maxResponseBytes: 1000 }, want: "too large" },
  ],
  ["a gzip body under the cap decoded", { send: gzipped(1000), runtime: { maxResponseBytes: 1000 }, want: 1000 }],
  [
    "a call's lower cap",
    { send: plain(2000), runtime: { maxResponseBytes: 10_000 }, call: { maxResponseBytes: 1000 }, want: "too large" },
  ],
  [
    "a call's higher cap",
    { send: plain(2000), runtime: { maxResponseBytes: 1000 }, call: { maxResponseBytes: 10_000 }, want: 2000 },
  ],
  ["an error body past the cap", { send: plain(2000, 404), runtime: { maxResponseBytes: 1000 }, want: "too large" }],
  ["no cap (Infinity)", { send: plain(100_000), runtime: { maxResponseBytes: Infinity }, want: 100_000 }],
  ["the default cap, a body under it", { send: plain(1_000_000), want: 1_000_000 }],
];

describe("the cap", () => {
  it.each(cases)("%s", async (_, { send, runtime, call, want }) => {
    const server = await startServer((_, response) => send(response));
    const client = createHttpClient<{}>({
      baseUrl: server.url,
      credentials: [{ kind: "bearer", value: canary }],
      runtime: { maxRetries: 2, ...runtime },
    });
    const { outcome, written } = await capturingOutput(() => callOperation(client, getText, {}, call));
    if (want === "too large") {
      expect(outcome).toBeInstanceOf(ResponseTooLargeError);
      expect(outcome).toMatchObject({ operationId: "getText", maxResponseBytes: call?.maxResponseBytes ?? 1000 });
      expectNoCanary(outcome, [canary], written);
    } else expect((outcome as string).length).toBe(want);
    // A body too large now is too large on a retry too.
    expect(server.requests).toHaveLength(1);
  });
});

it(`stops a gzip bomb (512 kB expanding to 512 MiB) at the default cap of ${defaultMaxResponseBytes} bytes`, async () => {
  const member = gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  // Concatenated gzip members decode as one stream.
  const bomb = Buffer.concat(Array.from({ length: 512 }, () => member));
  const server = await startServer((_, response) =>
    response.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(bomb),
  );
  const client = createHttpClient<{}>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const error = await callOperation(client, getText).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ResponseTooLargeError);
  expect(error).toMatchObject({ status: 200, maxResponseBytes: defaultMaxResponseBytes });
  // Bounds on harm, not speed targets: inflating all of it would take seconds and half a gigabyte.
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(process.memoryUsage().rss - rssBefore).toBeLessThan(256 * 1024 * 1024);
  expect(server.requests).toHaveLength(1);
});

describe("a cap out of range is refused clearly", () => {
  it.each([-1, Number.NaN, "1000" as unknown as number])("%s for the client", (maxResponseBytes) => {
    expect(() => createHttpClient<{}>({ baseUrl: "http://127.0.0.1:9", runtime: { maxResponseBytes } })).toThrow(
      UnitaskError,
    );
  });

  it("for a call, before any request", async () => {
    const server = await startServer((_, response) => plain(10)(response));
    const client = createHttpClient<{}>({ baseUrl: server.url });
    const call = callOperation(client, getText, {}, { maxResponseBytes: -5 });
    await expect(call).rejects.toThrow(/maxResponseBytes must be a number ≥ 0/);
    expect(server.requests).toHaveLength(0);
  });
});
