// A server that echoes the credential, in every spelling it could use, and foreign errors that quote it: no error
// shows it, however it is printed. And errors can always be logged, however deep the body nests.
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  callOperation,
  createHttpClient,
  InvalidResponseError,
  minSecretLength,
  NotFoundError,
  UnitaskError,
  type Credential,
} from "../../runtime/src/http/index.js";
import { capturingOutput, expectNoCanary, renderingsOf } from "./canary.js";
import { operationSpecs, type paths } from "./fixtures.js";
import { closeAll, json, startServer, type Script } from "./loopback-server.js";

afterEach(closeAll);

// `/`, `+` and `=` have JSON and percent spellings of their own.
const canary = "sk_live/CANARY+redact=9d2b";
const basicToken = btoa(`user:${canary}`);

const unicodeEscaped = (text: string, hex: (code: string) => string = (code) => code) =>
  Array.from(text, (character) => `\\u${hex(character.charCodeAt(0).toString(16).padStart(4, "0"))}`).join("");

/** How a server may spell a secret in what it sends back. */
const spellings: [string, (secret: string) => string][] = [
  ["raw", (secret) => secret],
  ["JSON with \\/", (secret) => secret.replaceAll("/", "\\/")],
  ["JSON, every character \\u-escaped (lower-case hex)", (secret) => unicodeEscaped(secret)],
  [
    "JSON, every character \\u-escaped (upper-case hex)",
    (secret) => unicodeEscaped(secret, (code) => code.toUpperCase()),
  ],
  ["JSON, half \\u-escaped", (secret) => `${secret.slice(0, 8)}${unicodeEscaped(secret.slice(8))}`],
  ["percent-encoded", (secret) => encodeURIComponent(secret)],
  [
    "percent-encoded, lower-case hex",
    (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
  ],
];

/** Where the server puts it: a documented JSON error body, a text body, an invalid 200, headers. */
const places: [string, abstract new (...args: never[]) => UnitaskError, (spelled: string) => Script][] = [
  [
    "a documented JSON error body (as JSON text)",
    NotFoundError,
    (spelled) => (_, response) =>
      response
        .writeHead(404, { "content-type": "application/json" })
        .end(`{"errors":[{"type":"auth","code":"bad_key","message":"key ${spelled} revoked"}],"request_id":"r1"}`),
  ],
  [
    "an undocumented status's JSON body",
    ApiError,
    (spelled) => (_, response) =>
      response.writeHead(418, { "content-type": "application/json" }).end(`{"echo":"${spelled}"}`),
  ],
  [
    "a text body",
    ApiError,
    (spelled) => (_, response) => response.writeHead(401, { "content-type": "text/plain" }).end(`bad key ${spelled}`),
  ],
  [
    "an invalid 200",
    InvalidResponseError,
    (spelled) => (_, response) => response.writeHead(200, { "content-type": "text/html" }).end(`<p>${spelled}</p>`),
  ],
  [
    "response headers and the request id",
    NotFoundError,
    (spelled) => (_, response) =>
      json(response, 404, { errors: [], request_id: "r" }, { "x-echo": `key=${spelled}`, "x-request-id": spelled }),
  ],
  [
    "the request id in an invalid response",
    InvalidResponseError,
    (spelled) => (_, response) =>
      response.writeHead(200, { "content-type": "text/html", "x-request-id": spelled }).end(),
  ],
];

const credentials: [string, Credential, string[]][] = [
  ["a bearer token", { kind: "bearer", value: canary }, [canary]],
  ["an API key in the query", { kind: "apiKey", in: "query", name: "api_key", value: canary }, [canary]],
  ["a basic password", { kind: "basic", username: "user", password: canary }, [canary, basicToken]],
];

async function failure(script: Script, credential: Credential) {
  const server = await startServer(script);
  const client = createHttpClient<paths>({
    baseUrl: server.url,
    credentials: [credential],
    runtime: { maxRetries: 0, timeoutMs: 2_000 },
  });
  return capturingOutput(() => callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }));
}

describe.each(credentials)("with %s", (_, credential, secrets) => {
  describe.each(places)("echoed in %s", (_, ErrorClass, place) => {
    it.each(spellings)("%s", async (_, spell) => {
      for (const secret of secrets) {
        const spelled = spell(secret);
        const { outcome, written } = await failure(place(spelled), credential);
        expect(outcome).toBeInstanceOf(ErrorClass);
        expectNoCanary(outcome, [secret, spelled], written);
      }
    });
  });
});

describe("what stays readable", () => {
  it("a parsed body keeps its shape, with the secret replaced", async () => {
    const { outcome } = await failure(
      (_, response) =>
        json(response, 404, { errors: [{ type: "a", code: "b", message: `key ${canary}` }], request_id: "r" }),
      { kind: "bearer", value: canary },
    );
    expect(outcome).toMatchObject({ body: { errors: [{ message: "key [redacted]" }], request_id: "r" } });
  });

  it.each([
    ["one character", "e"],
    [`${minSecretLength - 1} characters`, "abc1234"],
  ])("a secret of %s is not redacted (it would scrub ordinary text)", async (_, secret) => {
    const { outcome } = await failure(
      (_, response) => response.writeHead(401, { "content-type": "text/plain" }).end("no peeking: abc1234"),
      { kind: "bearer", value: secret },
    );
    expect(outcome).toMatchObject({ excerpt: "no peeking: abc1234" });
  });

  it(`a secret of ${minSecretLength} characters is`, async () => {
    const { outcome } = await failure(
      (_, response) => response.writeHead(401, { "content-type": "text/plain" }).end("no peeking: abcd1234"),
      { kind: "bearer", value: "abcd1234" },
    );
    expect(outcome).toMatchObject({ excerpt: "no peeking: [redacted]" });
  });
});

describe("foreign errors are UnitaskErrors without the secret", () => {
  const credential: Credential = { kind: "apiKey", in: "header", name: "X-Api-Key", value: canary };

  it("a fetch that throws an error quoting the key, in its message, stack, fields and cause", async () => {
    const leaky = () => {
      const cause = Object.assign(new Error(`socket for ${encodeURIComponent(canary)} closed`), { code: "ECONNRESET" });
      throw Object.assign(new TypeError(`fetch failed with X-Api-Key: ${canary}`, { cause }), {
        key: canary,
        request: { headers: { "x-api-key": canary } },
      });
    };
    const client = createHttpClient<paths>({
      baseUrl: "http://127.0.0.1:9",
      credentials: [credential],
      runtime: { maxRetries: 0, fetch: leaky },
    });
    const { outcome, written } = await capturingOutput(() =>
      callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }),
    );
    expect(outcome).toBeInstanceOf(ApiConnectionError);
    const cause = (outcome as Error).cause as TypeError & { code?: string; cause: Error & { code: string } };
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause.message).toBe("fetch failed with X-Api-Key: [redacted]");
    expect(cause.cause.code).toBe("ECONNRESET");
    expectNoCanary(outcome, [canary, encodeURIComponent(canary)], written);
  });

  it("a middleware that throws one", async () => {
    const server = await startServer((_, response) => json(response, 200, {}));
    const client = createHttpClient<paths>({ baseUrl: server.url, credentials: [credential] });
    client.use({
      onRequest: () => {
        throw new Error(`refusing to send ${canary}`);
      },
    });
    const { outcome, written } = await capturingOutput(() =>
      callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }),
    );
    expect(outcome).toBeInstanceOf(UnitaskError);
    expect((outcome as Error).message).toBe("getTask: the request failed: refusing to send [redacted]");
    expectNoCanary(outcome, [canary], written);
    expect(server.requests).toHaveLength(0);
  });

  it("a per-call Authorization header no header can carry", async () => {
    const server = await startServer((_, response) => json(response, 200, {}));
    const client = createHttpClient<paths>({ baseUrl: server.url });
    const headers = { Authorization: `Bearer ${canary}\r\nX-Injected: 1` };
    const { outcome, written } = await capturingOutput(() =>
      callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }, { headers }),
    );
    expect(outcome).toBeInstanceOf(UnitaskError);
    expectNoCanary(outcome, [canary], written);
    expect(server.requests).toHaveLength(0);
  });

  it("a body that cannot be serialized", async () => {
    const server = await startServer((_, response) => json(response, 200, {}));
    const client = createHttpClient<paths>({ baseUrl: server.url, credentials: [credential] });
    const call = callOperation(client, operationSpecs.updateTask, { path: { task_id: "t" } }, { body: { n: 1n } });
    await expect(call).rejects.toBeInstanceOf(UnitaskError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("errors can always be serialized", () => {
  const depth = 100_000;
  it.each([
    ["arrays", `${"[".repeat(depth)}${"]".repeat(depth)}`],
    ["objects", `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`],
  ])("a body nesting %s 100,000 levels deep", async (_, body) => {
    const { outcome, written } = await failure(
      (_, response) => response.writeHead(404, { "content-type": "application/json" }).end(body),
      { kind: "bearer", value: canary },
    );
    expect(outcome).toBeInstanceOf(NotFoundError);
    const renderings = renderingsOf(outcome);
    expect(renderings.json).toContain('"[truncated]"');
    expect(JSON.parse(renderings.json)).toMatchObject({ name: "NotFoundError", status: 404 });
    expect(written).toEqual([]);
  });
});
