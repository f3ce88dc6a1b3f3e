// Responses HTTP sends without content (RFC 9110 §6.4.1, §15.3.6): a 204, 205 or 304, and any response to HEAD,
// decode as no body whatever media types the spec documents for them (as openapi-fetch returns `data: undefined`).
// An empty body elsewhere is judged by the spec alone, a `content-length: 0` header or not.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  callOperation,
  createHttpClient,
  InvalidResponseError,
  type OperationSpec,
} from "../../runtime/src/http/index.js";
import { closeAll, startServer } from "./loopback-server.js";

afterEach(closeAll);

/** Documents JSON for every status it answers with, as Box and Mailchimp do for their 204s. */
function documentingJson(method: OperationSpec["method"], statuses: string[]): OperationSpec {
  return {
    operationId: "touchThing",
    method,
    path: "/things/{id}",
    responses: Object.fromEntries(statuses.map((status) => [status, ["application/json"]])),
  };
}

/** Sends `status` with a JSON content type and a JSON body, which node:http drops where HTTP allows none. */
const answer =
  (status: number, headers: Record<string, string> = {}) =>
  (_: unknown, response: ServerResponse) =>
    response
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(status === 200 && headers["content-length"] === "0" ? "" : JSON.stringify({ id: "thing_1" }));

async function callWith(spec: OperationSpec, status: number, options: { middleware: boolean; headers?: object }) {
  const server = await startServer(answer(status, options.headers as Record<string, string> | undefined));
  const client = createHttpClient({ baseUrl: server.url, runtime: { maxRetries: 0, timeoutMs: 2_000 } });
  // A middleware routes the call through openapi-fetch instead of straight to the transport.
  if (options.middleware) client.use({ onRequest: ({ request }) => request });
  return callOperation(client, spec, { path: { id: "thing_1" } });
}

const resolving: [string, { given: { spec: OperationSpec; status: number }; want: undefined }][] = [
  [
    "a 204 documented with JSON content",
    { given: { spec: documentingJson("put", ["204"]), status: 204 }, want: undefined },
  ],
  [
    "a 205 documented with JSON content",
    { given: { spec: documentingJson("post", ["205"]), status: 205 }, want: undefined },
  ],
  [
    "a 204 within a 2XX range documented with JSON content",
    { given: { spec: documentingJson("put", ["2XX"]), status: 204 }, want: undefined },
  ],
  [
    "a 200 to HEAD documented with JSON content (its content-length names the body a GET would get)",
    { given: { spec: documentingJson("head", ["200"]), status: 200 }, want: undefined },
  ],
];

describe.each([
  ["called directly", false],
  ["through middleware", true],
])("responses without content (%s)", (_, middleware) => {
  it.each(resolving)("%s: resolves with undefined", async (_, { given, want }) => {
    await expect(callWith(given.spec, given.status, { middleware })).resolves.toBe(want);
  });

  it("a 304 documented with JSON content: the ApiError for 304, without a body", async () => {
    const error = await callWith(documentingJson("get", ["200", "304"]), 304, { middleware }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 304, body: undefined, excerpt: undefined });
  });

  it("a 404 to HEAD documented with JSON content: the ApiError for 404, without a body", async () => {
    const error = await callWith(documentingJson("head", ["200", "404"]), 404, { middleware }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ status: 404, body: undefined });
  });

  it("a 200 with content-length: 0 where the spec documents a body: an InvalidResponseError, as any empty body", async () => {
    const error = await callWith(documentingJson("get", ["200"]), 200, {
      middleware,
      headers: { "content-length": "0" },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toContain("the body is empty, but the spec documents one");
  });

  it("a 200 with content-length: 0 where the spec documents none: resolves with undefined", async () => {
    const spec = { ...documentingJson("get", []), responses: { "200": [] } };
    await expect(callWith(spec, 200, { middleware, headers: { "content-length": "0" } })).resolves.toBeUndefined();
  });
});
