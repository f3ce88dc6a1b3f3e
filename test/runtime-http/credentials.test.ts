// Credentials are checked when the client is created: one no header could carry is an InvalidCredentialError that
// never holds it, and surrounding whitespace (a secret read from a file) is removed before anything is sent.
import { afterEach, describe, expect, it } from "vitest";
import {
  callOperation,
  createHttpClient,
  InvalidCredentialError,
  UnitaskError,
  type Credential,
} from "../../runtime/src/http/index.js";
import { capturingOutput, expectNoCanary } from "./canary.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

afterEach(closeAll);

const canary = "sk_live_CANARY_cred_31c9";

const refused: [string, { given: Credential; credential: string; reason: string }][] = [
  [
    "a bearer token with CR LF (header injection)",
    {
      given: { kind: "bearer", value: `${canary}\r\nX-Injected: 1` },
      credential: "the bearer token",
      reason: "carriage return",
    },
  ],
  [
    "a bearer token with a LF inside",
    { given: { kind: "bearer", value: `${canary}\nmore` }, credential: "the bearer token", reason: "line feed" },
  ],
  [
    "an API key header with NUL",
    {
      given: { kind: "apiKey", in: "header", name: "X-Api-Key", value: `${canary}\0` },
      credential: "the API key X-Api-Key (in header)",
      reason: "NUL",
    },
  ],
  [
    "an API key with DEL",
    {
      given: { kind: "apiKey", in: "query", name: "api_key", value: `${canary}\u007f` },
      credential: "the API key api_key (in query)",
      reason: "U+007f",
    },
  ],
  [
    "an API key cookie with a control character",
    {
      given: { kind: "apiKey", in: "cookie", name: "session", value: `${canary}\u0001` },
      credential: "the API key session (in cookie)",
      reason: "U+0001",
    },
  ],
  [
    "a header API key outside Latin-1",
    {
      given: { kind: "apiKey", in: "header", name: "X-Api-Key", value: `${canary}€` },
      credential: "the API key X-Api-Key (in header)",
      reason: "outside Latin-1",
    },
  ],
  [
    "an API key header whose name is not a token",
    {
      given: { kind: "apiKey", in: "header", name: "X Api Key", value: canary },
      credential: "the API key X Api Key (in header)",
      reason: "not an HTTP token",
    },
  ],
  [
    "a basic-auth password with LF inside",
    {
      given: { kind: "basic", username: "user", password: `${canary}\nx` },
      credential: "the basic-auth password",
      reason: "line feed",
    },
  ],
  [
    "a basic-auth username with a colon",
    {
      given: { kind: "basic", username: `user:${canary}`, password: canary },
      credential: "the basic-auth username",
      reason: "colon",
    },
  ],
  [
    "a token that is not a string",
    {
      given: { kind: "bearer", value: 42 as unknown as string },
      credential: "the bearer token",
      reason: "number, not a string",
    },
  ],
];

describe("refused when the client is created", () => {
  it.each(refused)("%s", async (_, { given, credential, reason }) => {
    const server = await startServer((_, response) => json(response, 200, task));
    const { outcome, written } = await capturingOutput(async () =>
      createHttpClient<paths>({ baseUrl: server.url, credentials: [given] }),
    );
    expect(outcome).toBeInstanceOf(InvalidCredentialError);
    expect(outcome).toBeInstanceOf(UnitaskError);
    expect(outcome).toMatchObject({ credential });
    expect((outcome as Error).message).toContain(reason);
    expectNoCanary(outcome, [canary], written);
    expect(server.requests).toHaveLength(0);
  });
});

describe("surrounding whitespace is removed, and the trimmed secret is what gets redacted", () => {
  const withNewline = `  ${canary}\n`;
  it.each([
    ["a bearer token", { kind: "bearer", value: withNewline }, (seen: Record<string, unknown>) => seen.authorization],
    [
      "an API key header",
      { kind: "apiKey", in: "header", name: "X-Api-Key", value: `${canary}\r\n` },
      (seen: Record<string, unknown>) => seen["x-api-key"],
    ],
    [
      "a basic-auth password",
      { kind: "basic", username: "user", password: `${canary}\t\n` },
      (seen: Record<string, unknown>) => seen.authorization,
    ],
  ] as [string, Credential, (seen: Record<string, unknown>) => unknown][])("%s", async (_, credential, sent) => {
    const server = await startServer((seen, response) =>
      json(response, 401, { errors: [{ message: `bad credentials: ${JSON.stringify(seen.headers)}` }] }),
    );
    const client = createHttpClient<paths>({
      baseUrl: server.url,
      credentials: [credential],
      runtime: { maxRetries: 0 },
    });
    const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } }).catch(
      (caught: unknown) => caught,
    );
    const value = String(sent(server.requests[0]?.headers ?? {}));
    expect([`Bearer ${canary}`, canary, `Basic ${btoa(`user:${canary}`)}`]).toContain(value);
    expectNoCanary(error, [canary, btoa(`user:${canary}`)]);
  });
});

it("an empty token after trimming sends nothing", async () => {
  const server = await startServer((_, response) => json(response, 200, task));
  const client = createHttpClient<paths>({ baseUrl: server.url, credentials: [{ kind: "bearer", value: " \n" }] });
  await callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } });
  expect(server.requests[0]?.headers.authorization).toBeUndefined();
});
