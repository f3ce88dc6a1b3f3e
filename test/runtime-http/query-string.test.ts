// Query parameters as sent: openapi-fetch's serialization where it has one, bracketed keys and indexes below it (an
// array of objects, an object holding an array), where openapi-fetch throws; both ways of calling send the same.
import { afterEach, describe, expect, it } from "vitest";
import { callOperation, createHttpClient, PathParameterError } from "../../runtime/src/http/index.js";
import { serializeQuery } from "../../runtime/src/http/query-string.js";
import { operationSpecs, task, type paths } from "./fixtures.js";
import { closeAll, json, startServer } from "./loopback-server.js";

afterEach(closeAll);

const serialized: [string, { given: Record<string, unknown>; want: string }][] = [
  ["a primitive", { given: { limit: 10 }, want: "limit=10" }],
  ["an array of primitives, repeated", { given: { id: ["a b", "c"] }, want: "id=a%20b&id=c" }],
  ["an object, as deepObject", { given: { filter: { state: "done" } }, want: "filter[state]=done" }],
  ["null and undefined, left out", { given: { a: null, b: undefined, c: 1 }, want: "c=1" }],
  [
    "an array of objects, indexed so each item's fields stay together",
    {
      given: { Tag: [{ Key: "k&1", Value: "v" }, { Key: "k2" }], Action: "CreateTags" },
      want: "Tag[0][Key]=k%261&Tag[0][Value]=v&Tag[1][Key]=k2&Action=CreateTags",
    },
  ],
  [
    "an object holding an array and an object",
    {
      given: { filter: { tags: ["x", "y"], owner: { id: 7 }, none: null } },
      want: "filter[tags][0]=x&filter[tags][1]=y&filter[owner][id]=7",
    },
  ],
  ["an array of arrays", { given: { grid: [[1, 2], [3]] }, want: "grid[0][0]=1&grid[0][1]=2&grid[1][0]=3" }],
  ["keys that need encoding", { given: { "a b": [{ "c=d": 1 }] }, want: "a%20b[0][c%3Dd]=1" }],
];

describe("serializeQuery", () => {
  it.each(serialized)("%s", (_, { given, want }) => {
    expect(serializeQuery(given)).toBe(want);
  });
});

describe.each([
  ["called directly", false],
  ["through middleware", true],
])("a nested query parameter on the wire (%s)", (_, middleware) => {
  it("is sent with bracketed keys", async () => {
    const server = await startServer((_, response) => json(response, 200, task));
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    if (middleware) client.use({ onRequest: ({ request }) => request });
    await callOperation(client, operationSpecs.getTask, {
      path: { task_id: "task_1" },
      query: { Tag: [{ Key: "k", Value: "v" }] },
    });
    expect(server.requests.map((request) => request.url)).toEqual(["/tasks/task_1?Tag[0][Key]=k&Tag[0][Value]=v"]);
  });

  it("follows the query the path key carries, its path parameters filled in", async () => {
    const server = await startServer((_, response) => json(response, 200, task));
    const client = createHttpClient<paths>({ baseUrl: server.url, runtime: { maxRetries: 0 } });
    if (middleware) client.use({ onRequest: ({ request }) => request });
    const spec = { ...operationSpecs.getTask, query: "method=tasks.get&file={task_id}" };
    await callOperation(client, spec, { path: { task_id: "a b/c" }, query: { limit: 1 } });
    await callOperation(client, spec, { path: { task_id: "t" } });
    const missing = await callOperation(client, spec, { path: {} }).catch((caught: unknown) => caught);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/tasks/a%20b%2Fc?method=tasks.get&file=a%20b%2Fc&limit=1",
      "/tasks/t?method=tasks.get&file=t",
    ]);
    expect(missing).toBeInstanceOf(PathParameterError);
  });
});
