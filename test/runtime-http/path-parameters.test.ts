// Path parameters that would send the request elsewhere are refused before any request; the rest are encoded.
import { afterEach, describe, expect, it } from "vitest";
import {
  callOperation,
  createHttpClient,
  PathParameterError,
  type OperationSpec,
} from "../../runtime/src/http/index.js";
import { expectNoCanary } from "./canary.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

afterEach(closeAll);

const canary = "sk_live_CANARY_path_77aa";

/** An operation with two parameters, like Quant's `/organisations/{organisation}/tasks/{taskId}`. */
const nested: OperationSpec = {
  operationId: "getOrganisationTask",
  method: "get",
  path: "/organisations/{organisation}/tasks/{taskId}",
  responses: { "200": ["application/json"] },
};

async function serverAndClient(options: { middleware?: boolean } = {}) {
  const server = await startServer((_, response) => json(response, 200, task));
  const client = createHttpClient<paths>({
    baseUrl: `${server.url}/api`,
    credentials: [{ kind: "bearer", value: canary }],
    runtime: { maxRetries: 0 },
  });
  // A middleware routes the call through openapi-fetch instead of straight to the transport.
  if (options.middleware) client.use({ onRequest: ({ request }) => request });
  return { server, client };
}

const refused: [string, { given: Record<string, unknown>; parameter: string; reason: string }][] = [
  ["..", { given: { organisation: "acme", taskId: ".." }, parameter: "taskId", reason: '"..", which URL resolution' }],
  [".", { given: { organisation: "acme", taskId: "." }, parameter: "taskId", reason: '".", which URL resolution' }],
  ["an organisation of ..", { given: { organisation: "..", taskId: "t" }, parameter: "organisation", reason: '".."' }],
  ["an empty string", { given: { organisation: "acme", taskId: "" }, parameter: "taskId", reason: "is empty" }],
  ["undefined", { given: { organisation: "acme", taskId: undefined }, parameter: "taskId", reason: "(undefined)" }],
  ["null", { given: { organisation: null, taskId: "t" }, parameter: "organisation", reason: "(null)" }],
  ["a missing parameter", { given: { organisation: "acme" }, parameter: "taskId", reason: "is missing" }],
  ["an empty array", { given: { organisation: "acme", taskId: [] }, parameter: "taskId", reason: "is empty" }],
  ["an array of ..", { given: { organisation: "acme", taskId: [".."] }, parameter: "taskId", reason: '".."' }],
];

describe.each([
  ["called directly", false],
  ["through middleware", true],
])("refused before any request (%s)", (_, middleware) => {
  it.each(refused)("%s", async (_, { given, parameter, reason }) => {
    const { server, client } = await serverAndClient({ middleware });
    const error = await callOperation(client, nested, { path: given }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PathParameterError);
    expect(error).toMatchObject({ parameter, operationId: "getOrganisationTask" });
    expect((error as Error).message).toContain(`"${parameter}"`);
    expect((error as Error).message).toContain(reason);
    expect(server.requests).toHaveLength(0);
    expectNoCanary(error, [canary]);
  });
});

const encoded: [string, { given: unknown; want: string }][] = [
  ["three dots", { given: "...", want: "..." }],
  ["a leading dot", { given: ".hidden", want: ".hidden" }],
  ["a trailing dot", { given: "v1.", want: "v1." }],
  ["an encoded dot, encoded again", { given: "%2e%2e", want: "%252e%252e" }],
  ["a slash", { given: "../admin", want: "..%2Fadmin" }],
  ["a space", { given: " ", want: "%20" }],
  ["zero", { given: 0, want: "0" }],
  ["a number", { given: 42, want: "42" }],
];

describe("accepted and encoded", () => {
  it.each(encoded)("%s", async (_, { given, want }) => {
    const { server, client } = await serverAndClient();
    await callOperation(client, nested, { path: { organisation: "acme", taskId: given } });
    expect(server.requests.map((seen) => seen.url)).toEqual([`/api/organisations/acme/tasks/${want}`]);
  });
});

describe("the raw openapi-fetch client", () => {
  it.each([
    ["..", ".."],
    ["an empty string", ""],
  ])("refuses %s too", async (_, taskId) => {
    const { server, client } = await serverAndClient();
    const call = client.GET("/tasks/{task_id}", { params: { path: { task_id: taskId } } });
    await expect(call).rejects.toBeInstanceOf(PathParameterError);
    expect(server.requests).toHaveLength(0);
  });

  it("sends a good one", async () => {
    const { server, client } = await serverAndClient();
    const { data } = await client.GET("/tasks/{task_id}", { params: { path: { task_id: "task_1" } } });
    expect(data).toEqual(task);
    expect(server.requests.map((seen) => seen.url)).toEqual(["/api/tasks/task_1"]);
  });
});

it("a spec without path parameters needs none", async () => {
  const { server, client } = await serverAndClient();
  const list: OperationSpec = { ...operationSpecs.getTask, path: "/tasks" };
  await callOperation(client, list);
  expect(server.requests.map((seen) => seen.url)).toEqual(["/api/tasks"]);
});

describe.each([
  ["called directly", false],
  ["through middleware", true],
])("a path key with a fragment (%s)", (_, middleware) => {
  it.each([
    ["after a parameter", { given: "/files/{taskId}#add_shared_link", want: "/api/files/t1?fields=shared_link" }],
    ["without parameters", { given: "/shared_items#folders", want: "/api/shared_items?fields=shared_link" }],
  ])("%s: sends the path without it, the query after the path", async (_, { given, want }) => {
    const { server, client } = await serverAndClient({ middleware });
    const spec: OperationSpec = { ...nested, path: given };
    await callOperation(client, spec, { path: { taskId: "t1" }, query: { fields: "shared_link" } });
    expect(server.requests.map((seen) => seen.url)).toEqual([want]);
  });
});
