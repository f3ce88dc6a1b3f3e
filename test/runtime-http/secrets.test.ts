// The credential must not show in any error, however it is printed: its message, JSON.stringify, util.inspect.
// Servers here even echo the key back, as some error pages do.
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  callOperation,
  createHttpClient,
  InvalidResponseError,
  UnitaskError,
  type CallOptions,
  type Credential,
} from "../../runtime/src/http/index.js";
import { operationSpecs, secretKey, type paths } from "./fixtures.js";
import { closeAll, json, startServer, unusedUrl, type Script, type SeenRequest } from "./loopback-server.js";

afterEach(closeAll);

const credentialsPlacing: Record<string, Credential> = {
  "an API key header": { kind: "apiKey", in: "header", name: "X-Api-Key", value: secretKey },
  "an API key in the query": { kind: "apiKey", in: "query", name: "api_key", value: secretKey },
  "a bearer token": { kind: "bearer", value: secretKey },
  "a basic password": { kind: "basic", username: "user", password: secretKey },
};

/** What a careless server prints back: the request's URL and headers, credentials included. */
const echo = (request: SeenRequest) => `Invalid credentials for ${request.url}: ${JSON.stringify(request.headers)}`;

const failures: [string, abstract new (...args: never[]) => UnitaskError, Script | "refused", CallOptions?][] = [
  [
    "ApiError with a JSON body",
    ApiError,
    (request, response) => json(response, 404, { errors: [{ message: echo(request) }], request_id: "r" }),
  ],
  [
    "ApiError with a text body",
    ApiError,
    (request, response) => response.writeHead(401, { "content-type": "text/plain" }).end(echo(request)),
  ],
  [
    "InvalidResponseError",
    InvalidResponseError,
    (request, response) => response.writeHead(200, { "content-type": "text/html" }).end(echo(request)),
  ],
  ["ApiConnectionError (refused)", ApiConnectionError, "refused"],
  ["ApiConnectionError (reset)", ApiConnectionError, (_, response) => response.socket?.destroy()],
  ["ApiTimeoutError", ApiTimeoutError, () => undefined, { timeoutMs: 100 }],
  ["ApiUserAbortError", ApiUserAbortError, () => undefined, { signal: AbortSignal.timeout(50) }],
];

describe.each(Object.entries(credentialsPlacing))("with %s", (_, credential) => {
  it.each(failures)("%s does not show the secret", async (_, ErrorClass, script, options) => {
    const baseUrl = script === "refused" ? await unusedUrl() : (await startServer(script)).url;
    const client = createHttpClient<paths>({
      baseUrl,
      credentials: [credential],
      runtime: { maxRetries: 0, timeoutMs: 2_000 },
    });
    const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }, options).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(String((error as Error).message)).not.toContain(secretKey);
    expect(JSON.stringify(error)).not.toContain(secretKey);
    expect(inspect(error, { depth: 10 })).not.toContain(secretKey);
    expect(inspect(error, { depth: 10 })).not.toContain(btoa(`user:${secretKey}`));
  });
});

it("an error's JSON lists its safe fields", async () => {
  const server = await startServer((_, response) => json(response, 404, { errors: [], request_id: "req_1" }));
  const client = createHttpClient<paths>({ baseUrl: server.url, credentials: [{ kind: "bearer", value: secretKey }] });
  const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
    (caught: unknown) => caught,
  );
  expect(JSON.parse(JSON.stringify(error))).toEqual({
    name: "NotFoundError",
    message: "getTask failed with HTTP 404 (request id req_1)",
    operationId: "getTask",
    status: 404,
    requestId: "req_1",
    body: { errors: [], request_id: "req_1" },
    excerpt: '{"errors":[],"request_id":"req_1"}',
  });
});

it("does not show a query key that a server echoes back percent-encoded in the URL", async () => {
  const key = "sk/live+key=1";
  const server = await startServer((request, response) =>
    response.writeHead(401, { "content-type": "text/plain" }).end(echo(request)),
  );
  const client = createHttpClient<paths>({
    baseUrl: server.url,
    credentials: [{ kind: "apiKey", in: "query", name: "api_key", value: key }],
    runtime: { maxRetries: 0 },
  });
  const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
    (caught: unknown) => caught,
  );
  expect(server.requests[0]?.url).toContain(encodeURIComponent(key));
  expect(error).toBeInstanceOf(ApiError);
  for (const shown of [JSON.stringify(error), inspect(error, { depth: 10 })]) {
    expect(shown).not.toContain(key);
    expect(shown).not.toContain(encodeURIComponent(key));
    expect(shown).toContain("[redacted]");
  }
});
