// What callOperation makes of a response: decoded data, an ApiError keyed to the status, or an InvalidResponseError
// when the response is not what the spec documents.
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  callOperation,
  createHttpClient,
  InternalServerError,
  InvalidResponseError,
  isOperationError,
  NotFoundError,
  type OperationError,
} from "../../runtime/src/http/index.js";
import { operationSpecs, task, type operations, type paths } from "./fixtures.js";
import { closeAll, json, startServer, type Script } from "./loopback-server.js";

afterEach(closeAll);

async function call(script: Script, operation: "getTask" | "getEdenTask" = "getTask") {
  const server = await startServer(script);
  const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0, timeoutMs: 2_000 } });
  return callOperation(client, operationSpecs[operation], { path: { task_id: "task_1" } });
}

const failureOf = (script: Script, operation?: "getTask" | "getEdenTask") =>
  call(script, operation).then(
    () => expect.unreachable("the call succeeded"),
    (error: unknown) => error,
  );

const send =
  (status: number, contentType: string | undefined, body: string): Script =>
  (_, response) =>
    response.writeHead(status, contentType === undefined ? {} : { "content-type": contentType }).end(body);

const htmlPage = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${"<p>upstream unavailable</p>".repeat(20)}</body></html>`;
const errorBody = {
  errors: [{ type: "task", code: "task_not_found", message: "No such task" }],
  request_id: "req_body",
};

describe("successful responses", () => {
  // Deck documents the same schema under all three; its text/plain is JSON too.
  it.each(["application/json; charset=utf-8", "text/json", "text/plain"])("decode %s as JSON", async (contentType) => {
    await expect(call(send(200, contentType, JSON.stringify(task)))).resolves.toEqual(task);
  });

  it("decode a */*-documented body as JSON (Eden)", async () => {
    await expect(call(send(200, "application/json", JSON.stringify({ task })), "getEdenTask")).resolves.toEqual({
      task,
    });
  });
});

describe("responses that break the spec are an InvalidResponseError", () => {
  it.each([
    ["truncated JSON", send(200, "application/json", '{"id":"task_1","na'), "not valid JSON"],
    ["an HTML page", send(200, "text/html", htmlPage), "content type is not documented"],
    ["HTML labelled application/json", send(200, "application/json", htmlPage), "not valid JSON"],
    ["an empty body on a 200 that documents one", send(200, "application/json", ""), "body is empty"],
    ["an undocumented success status", send(201, "application/json", "{}"), "does not document status 201"],
  ])("%s", async (_, script, reason) => {
    // Retries allowed: a response that breaks the spec is not a transient failure, so it is asked for once.
    const server = await startServer(script);
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 2, timeoutMs: 2_000 } });
    const error = await callOperation(client, operationSpecs.getTask, { path: { task_id: "task_1" } }).then(
      () => expect.unreachable("the call succeeded"),
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toContain(reason);
    expect(error).toMatchObject({ operationId: "getTask" });
    expect(server.requests).toHaveLength(1);
  });

  it("carries the status, the content type and an excerpt of at most 200 characters", async () => {
    const error = (await failureOf(send(200, "text/html; charset=utf-8", htmlPage))) as InvalidResponseError;
    expect(error).toMatchObject({ status: 200, contentType: "text/html; charset=utf-8" });
    expect(error.excerpt).toMatch(/^<!DOCTYPE html><html><head><title>502 Bad Gateway/);
    expect(error.excerpt?.length).toBeLessThanOrEqual(200);
  });

  it("an HTML page on a */*-documented operation is not JSON", async () => {
    const error = await failureOf(send(200, "text/html", htmlPage), "getEdenTask");
    expect(error).toBeInstanceOf(InvalidResponseError);
  });

  it("an HTML page on a status documented as JSON (say, from a proxy) too, keeping its status", async () => {
    const error = await failureOf(send(404, "text/html", htmlPage));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 404 });
  });
});

describe("unsuccessful responses are the ApiError for their status", () => {
  it("404 with a JSON body: a NotFoundError with the parsed body and the request id from the body", async () => {
    const error = await failureOf((_, response) => json(response, 404, errorBody));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, body: errorBody, requestId: "req_body", operationId: "getTask" });
  });

  it("takes the request id from x-request-id or request-id when the provider sends one", async () => {
    const fromHeader = await failureOf((_, response) =>
      json(response, 404, errorBody, { "x-request-id": "req_header" }),
    );
    expect(fromHeader).toMatchObject({ requestId: "req_header" });
    const camelCase = await failureOf((_, response) => json(response, 404, { errors: [], requestId: "req_camel" }));
    expect(camelCase).toMatchObject({ requestId: "req_camel" });
  });

  it("401 without a body: an AuthenticationError with neither body nor excerpt", async () => {
    const error = await failureOf(send(401, undefined, ""));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, body: undefined, excerpt: undefined });
  });

  it("a body on a status documented without one is kept as an excerpt only", async () => {
    const error = await failureOf(send(403, "text/plain", "Forbidden"));
    expect(error).toMatchObject({ status: 403, body: undefined, excerpt: "Forbidden" });
  });

  it("an undocumented 502 with an HTML page: an InternalServerError with an excerpt", async () => {
    const error = await failureOf(send(502, "text/html", htmlPage));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, body: undefined });
    expect((error as InternalServerError).excerpt).toContain("502 Bad Gateway");
  });

  it("an undocumented 418: a plain ApiError, its JSON body parsed", async () => {
    const error = await failureOf((_, response) => json(response, 418, { teapot: true }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 418, body: { teapot: true } });
  });

  it("a 4XX range documented for the operation covers each 4xx status", async () => {
    const server = await startServer((_, response) => json(response, 409, errorBody));
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    const call = callOperation(client, operationSpecs.updateTask, { path: { task_id: "t" }, body: { name: "x" } });
    await expect(call).rejects.toMatchObject({ status: 409, body: errorBody });
  });
});

describe("isOperationError", () => {
  type GetTaskError = OperationError<operations["getTask"]>;

  it("narrows an error a call of the operation threw with a documented status", async () => {
    const error = await failureOf((_, response) => json(response, 404, errorBody));
    if (!isOperationError<GetTaskError>(error, operationSpecs.getTask) || error.status !== 404) {
      return expect.unreachable("not narrowed to the documented 404");
    }
    expect(error.body.errors[0]?.code).toBe("task_not_found");
  });

  it("rejects errors of undocumented statuses and of other operations", async () => {
    const undocumented = await failureOf(send(502, "text/html", htmlPage));
    expect(isOperationError<GetTaskError>(undocumented, operationSpecs.getTask)).toBe(false);
    const documented = await failureOf((_, response) => json(response, 404, errorBody));
    expect(isOperationError(documented, operationSpecs.getEdenTask)).toBe(false);
  });
});

describe("a response a middleware gives instead of the network", () => {
  function clientAnsweredBy(status: number, body: unknown) {
    const client = createHttpClient<paths>({ baseUrl: "http://127.0.0.1:9" });
    client.use({ onRequest: () => Response.json(body, { status }) });
    return callOperation(client, operationSpecs.getTask, { path: { task_id: "t" } });
  }

  it("is decoded as data on success", async () => {
    await expect(clientAnsweredBy(200, task)).resolves.toEqual(task);
  });

  it("is the ApiError for its status otherwise", async () => {
    await expect(clientAnsweredBy(404, errorBody)).rejects.toMatchObject({ status: 404, body: errorBody });
  });
});

describe("the Accept header", () => {
  const accepting = { ...operationSpecs.getTask, accept: "application/json, text/json" };

  it("names the media types the operation documents for success", async () => {
    const server = await startServer(send(200, "application/json", JSON.stringify(task)));
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    await callOperation(client, accepting, { path: { task_id: "task_1" } });
    expect(server.requests[0]?.headers.accept).toBe("application/json, text/json");
  });

  it("gives way to one the call sets itself", async () => {
    const server = await startServer(send(200, "text/plain", JSON.stringify(task)));
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    await callOperation(client, accepting, { path: { task_id: "task_1" } }, { headers: { Accept: "text/plain" } });
    expect(server.requests[0]?.headers.accept).toBe("text/plain");
  });
});
