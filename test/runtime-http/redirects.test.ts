// Redirects over real sockets: credentials (every kind a security scheme can define) reach only the request's own
// origin, methods change as fetch changes them, and the number of hops is capped.
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  callOperation,
  createHttpClient,
  RedirectError,
  type ClientRuntimeOptions,
  type Credential,
} from "../../runtime/src/http/index.js";
import { capturingOutput, expectNoCanary } from "./canary.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, redirect, startServer, type LoopbackServer, type SeenRequest } from "./loopback-server.js";

afterEach(closeAll);

const canary = "sk_live_CANARY_redirect_5e1f";

/** Every spelling in which a request could carry the canary: raw, percent-encoded, inside basic auth. */
const spellings = [canary, encodeURIComponent(canary), btoa(`user:${canary}`)];
const carriesCredential = (seen: SeenRequest) =>
  spellings.some((spelling) => `${seen.url} ${JSON.stringify(seen.headers)}`.includes(spelling));

const credentials: [string, Credential][] = [
  ["an API key header", { kind: "apiKey", in: "header", name: "X-Api-Key", value: canary }],
  ["an API key in the query", { kind: "apiKey", in: "query", name: "api_key", value: canary }],
  ["an API key cookie", { kind: "apiKey", in: "cookie", name: "session", value: canary }],
  ["a bearer token", { kind: "bearer", value: canary }],
  ["basic auth", { kind: "basic", username: "user", password: canary }],
];

/** The request's server redirects to `locationOn(origin, other)` first, then serves the task; so does the other. */
interface Hop {
  location: (origin: LoopbackServer, other: LoopbackServer) => string;
  /** Whether each request, in the order the two servers saw them, may carry the credential. */
  want: { origin: boolean[]; other: boolean[] };
  /** Send to https://, with a fetch that stands for a TLS terminator in front of the plain server. */
  https?: boolean;
}

const hops: [string, Hop][] = [
  [
    "a relative Location on the same origin keeps them",
    { location: () => "/tasks/task_2", want: { origin: [true, true], other: [] } },
  ],
  [
    "an absolute Location on the same origin keeps them",
    { location: (origin) => `${origin.url}/tasks/task_2`, want: { origin: [true, true], other: [] } },
  ],
  [
    "another origin (another port) gets none",
    { location: (_, other) => `${other.url}/tasks/task_1`, want: { origin: [true], other: [false] } },
  ],
  [
    "an https → http downgrade on the same host and port gets none",
    {
      location: (origin) => `${origin.url}/tasks/task_2`,
      want: { origin: [true, false], other: [] },
      https: true,
    },
  ],
  [
    "a return to the origin after another origin gets none",
    {
      location: (origin, other) => `${other.url}/back?to=${encodeURIComponent(`${origin.url}/tasks/task_3`)}`,
      want: { origin: [true, false], other: [false] },
    },
  ],
];

/** Redirects the first request per `location`, serves `task` after; `/back?to=` redirects to its `to`. */
const redirecting =
  (status: number, location: () => string) =>
  (seen: SeenRequest, response: Parameters<Parameters<typeof startServer>[0]>[1], index: number) => {
    const back = new URL(seen.url, "http://x").searchParams.get("to");
    if (back !== null) return redirect(response, status, back);
    return index === 0 ? redirect(response, status, location()) : json(response, 200, task);
  };

describe.each([301, 302, 303, 307, 308])("HTTP %i", (status) => {
  describe.each(credentials)("with %s", (_, credential) => {
    it.each(hops)("%s", async (_, hop) => {
      let location = "";
      const origin = await startServer(redirecting(status, () => location));
      const other = await startServer((seen, response) => {
        const back = new URL(seen.url, "http://x").searchParams.get("to");
        if (back !== null) return redirect(response, status, back);
        json(response, 200, task);
      });
      location = hop.location(origin, other);
      const runtime: ClientRuntimeOptions = { maxRetries: 0, timeoutMs: 2_000 };
      if (hop.https) runtime.fetch = (url, init) => fetch(String(url).replace(/^https:/, "http:"), init);
      const baseUrl = hop.https ? origin.url.replace(/^http:/, "https:") : origin.url;
      const client = createHttpClient<paths>({ baseUrl, credentials: [credential], runtime });
      const { outcome, written } = await capturingOutput(() =>
        callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }),
      );
      expect(outcome).toEqual(task);
      expect(origin.requests.map(carriesCredential)).toEqual(hop.want.origin);
      expect(other.requests.map(carriesCredential)).toEqual(hop.want.other);
      expect(written.join("")).not.toContain(canary);
    });
  });

  it("drops a per-call Authorization header on the way to another origin", async () => {
    const other = await startServer((_, response) => json(response, 200, task));
    const origin = await startServer(redirecting(status, () => `${other.url}/tasks/task_1`));
    const client = createHttpClient<paths>({ baseUrl: origin.url, runtime: { maxRetries: 0 } });
    const headers = { Authorization: `Bearer ${canary}` };
    await callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }, { headers });
    expect(origin.requests.map(carriesCredential)).toEqual([true]);
    expect(other.requests.map(carriesCredential)).toEqual([false]);
  });
});

it("removes a query key that a Location to another origin carries back", async () => {
  const other = await startServer((_, response) => json(response, 200, task));
  const origin = await startServer((seen, response) => redirect(response, 302, `${other.url}${seen.url}`));
  const client = createHttpClient<paths>({
    baseUrl: origin.url,
    credentials: [{ kind: "apiKey", in: "query", name: "api_key", value: canary }],
    runtime: { maxRetries: 0 },
  });
  await callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }, { query: { expand: "all" } });
  expect(origin.requests[0]?.url).toBe(`/tasks/task_1?expand=all&api_key=${canary}`);
  expect(other.requests.map((seen) => seen.url)).toEqual(["/tasks/task_1?expand=all"]);
});

describe("methods and bodies across a redirect", () => {
  it.each([
    [301, "GET", ""],
    [302, "GET", ""],
    [303, "GET", ""],
    [307, "POST", '{"name":"renamed"}'],
    [308, "POST", '{"name":"renamed"}'],
  ])("a POST answered %i is followed by a %s with body %j", async (status, method, body) => {
    const server = await startServer((_, response, index) =>
      index === 0 ? redirect(response, status, "/tasks/task_2") : json(response, 200, task),
    );
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    const call = callOperation(
      client,
      operationSpecs.updateTask,
      { path: { task_id: "task_1" } },
      {
        body: { name: "renamed" },
      },
    );
    await expect(call).resolves.toEqual(task);
    const [first, second] = server.requests;
    expect(first).toMatchObject({ method: "POST", url: "/tasks/task_1", body: '{"name":"renamed"}' });
    expect(second).toMatchObject({ method, url: "/tasks/task_2", body });
    expect(second?.headers["content-type"]).toBe(body === "" ? undefined : "application/json");
  });

  it("a GET answered 303 stays a GET", async () => {
    const server = await startServer((_, response, index) =>
      index === 0 ? redirect(response, 303, "other") : json(response, 200, task),
    );
    const client = createHttpClient<paths>({ baseUrl: `${server.url}/v1/`, runtime: { maxRetries: 0 } });
    await callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } });
    // "other" resolves against /v1/tasks/task_1.
    expect(server.requests.map((seen) => [seen.method, seen.url])).toEqual([
      ["GET", "/v1/tasks/task_1"],
      ["GET", "/v1/tasks/other"],
    ]);
  });
});

describe("redirects the client will not follow", () => {
  const credential: Credential = { kind: "bearer", value: canary };

  it.each([
    ["past the default cap of 10", undefined, 11],
    ["past maxRedirects", 2, 3],
    ["any, with maxRedirects 0", 0, 1],
  ])("a redirect loop %s is a RedirectError, not retried", async (_, maxRedirects, requests) => {
    const server = await startServer((seen, response) => redirect(response, 302, seen.url));
    const client = createHttpClient<paths>({
      baseUrl: server.url,
      credentials: [credential],
      runtime: { maxRetries: 2, maxRedirects },
    });
    const started = performance.now();
    const { outcome, written } = await capturingOutput(() =>
      callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }),
    );
    expect(outcome).toBeInstanceOf(RedirectError);
    expect(outcome).toMatchObject({ status: 302, operationId: "getTask" });
    expect((outcome as Error).message).toContain("maxRedirects");
    expect(server.requests).toHaveLength(requests);
    expect(performance.now() - started).toBeLessThan(5_000);
    expectNoCanary(outcome, [canary], written);
  });

  it.each([
    ["a non-http scheme", "file:///etc/passwd", "file: URL"],
    ["an unparsable Location", "http://[::1", "not a URL"],
  ])("a Location with %s is a RedirectError", async (_, location, reason) => {
    const server = await startServer((_, response) => redirect(response, 302, location));
    const client = createHttpClient<paths>({ baseUrl: server.url, credentials: [credential] });
    const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toContain(reason);
    expect(server.requests).toHaveLength(1);
    expectNoCanary(error, [canary]);
  });

  it("a 302 without a Location is the response itself", async () => {
    const server = await startServer((_, response) => response.writeHead(302).end());
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 302 });
  });
});

describe("the raw openapi-fetch client", () => {
  it("goes through the same transport: no credential to another origin", async () => {
    const other = await startServer((_, response) => json(response, 200, task));
    const origin = await startServer((_, response) => redirect(response, 307, `${other.url}/tasks/task_1`));
    const client = createHttpClient<paths>({
      baseUrl: origin.url,
      credentials: [{ kind: "apiKey", in: "header", name: "X-Api-Key", value: canary }],
    });
    const { data } = await client.GET("/tasks/{task_id}", { params: { path: { task_id: "task_1" } } });
    expect(data).toEqual(task);
    expect(origin.requests.map(carriesCredential)).toEqual([true]);
    expect(other.requests.map(carriesCredential)).toEqual([false]);
  });
});
