// What reaches the server: credentials placed by the auth middleware, and parameters encoded by openapi-fetch.
import { afterEach, describe, expect, it } from "vitest";
import { callOperation, createHttpClient, type Credential } from "../../runtime/src/http/index.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

afterEach(closeAll);

async function requestSeenWith(credentials: Credential[], headers?: Record<string, string>) {
  const server = await startServer((_, response) => json(response, 200, task));
  const client = createHttpClient<paths>({ baseUrl: server.url, credentials, runtime: { maxRetries: 0 } });
  await callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }, { headers });
  const [seen] = server.requests;
  if (seen === undefined) return expect.unreachable("the server saw no request");
  return seen;
}

describe("the auth middleware", () => {
  it("sets an API key header (Eden: X-Api-Key)", async () => {
    const seen = await requestSeenWith([{ kind: "apiKey", in: "header", name: "X-Api-Key", value: "key_123" }]);
    expect(seen.headers["x-api-key"]).toBe("key_123");
  });

  it("sets a bearer token", async () => {
    const seen = await requestSeenWith([{ kind: "bearer", value: "sk_live_abc" }]);
    expect(seen.headers.authorization).toBe("Bearer sk_live_abc");
  });

  it("sets basic credentials as base64 of UTF-8 user:password", async () => {
    const seen = await requestSeenWith([{ kind: "basic", username: "zoë", password: "pa:ss" }]);
    expect(seen.headers.authorization).toBe(`Basic ${Buffer.from("zoë:pa:ss", "utf8").toString("base64")}`);
  });

  it("adds an API key to the query string or to the cookies", async () => {
    const seen = await requestSeenWith([
      { kind: "apiKey", in: "query", name: "api_key", value: "a b&c" },
      { kind: "apiKey", in: "cookie", name: "session", value: "s1" },
    ]);
    expect(seen.url).toBe("/tasks/task_1?api_key=a+b%26c");
    expect(seen.headers.cookie).toBe("session=s1");
  });

  it("leaves a header the caller set for this call alone", async () => {
    const seen = await requestSeenWith([{ kind: "bearer", value: "default" }], { Authorization: "Bearer per-call" });
    expect(seen.headers.authorization).toBe("Bearer per-call");
  });

  it("sends no Authorization header for an empty token", async () => {
    const seen = await requestSeenWith([{ kind: "bearer", value: "" }]);
    expect(seen.headers.authorization).toBeUndefined();
  });
});

describe("parameters", () => {
  it("percent-encode a path parameter with spaces and slashes", async () => {
    const server = await startServer((_, response) => json(response, 200, task));
    const client = createHttpClient<paths>({ baseUrl: server.url });
    await callOperation(client, operationSpecs.getTask, { path: { task_id: "a b/c?d#e" } });
    expect(server.requests.map((request) => request.url)).toEqual(["/tasks/a%20b%2Fc%3Fd%23e"]);
  });

  it("send the call's query parameters and headers, and its body as JSON", async () => {
    const server = await startServer((_, response) => json(response, 200, task));
    const client = createHttpClient<paths>({ baseUrl: `${server.url}/v2/` });
    await callOperation(
      client,
      operationSpecs.updateTask,
      { path: { task_id: "task_1" } },
      { query: { expand: "agent" }, headers: { "X-Trace": "t1" }, body: { name: "renamed" } },
    );
    const [seen] = server.requests;
    expect(seen).toMatchObject({ method: "POST", url: "/v2/tasks/task_1?expand=agent", body: '{"name":"renamed"}' });
    expect(seen?.headers).toMatchObject({ "x-trace": "t1", "content-type": "application/json" });
  });
});
