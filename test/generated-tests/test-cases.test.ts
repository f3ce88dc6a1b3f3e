// The data behind each package's generated tests (generator/emit/test-cases.ts → test/cases.json), one spec feature
// per small document: deterministic, fixtures shared, and naming every Prism limitation instead of skipping it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { OpenApiDocument } from "../../generator/bundle.js";
import { emitTestCases, planTestCases, testCredentials } from "../../generator/emit/test-cases.js";
import { readManifest } from "../../generator/manifest.js";
import { buildProviderModel } from "../../generator/model.js";

function specWith(responses: Record<string, unknown>, extra: Partial<OpenApiDocument> = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "Acme", version: "1" },
    servers: [{ url: "https://api.acme.test/v2" }],
    security: [{ bearer: [] }],
    paths: {
      "/orgs/{org}/tasks/{task_id}": {
        get: {
          operationId: "getTask",
          parameters: [
            { name: "org", in: "path", required: true, schema: { type: "string" } },
            { name: "task_id", in: "path", required: true, schema: { type: "string", format: "uuid" } },
          ],
          responses,
        },
      },
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } }, ...(extra.components as object) },
    ...extra,
  };
}

function modelOf(document: OpenApiDocument) {
  const { manifest } = readManifest("acme", undefined);
  return buildProviderModel(document, manifest, "specs/acme/openapi.yaml");
}

function plan(document: OpenApiDocument) {
  return planTestCases(modelOf(document), document);
}

function onlyOperation(document: OpenApiDocument) {
  const [operation] = plan(document).operations;
  if (!operation) throw new Error("the document has no operation");
  return operation;
}

const task = { type: "object", required: ["id"], properties: { id: { type: "string" } } };

describe("planTestCases", () => {
  it("calls with path values that need percent-encoding, and expects them encoded after the server's base path", () => {
    const operation = onlyOperation(
      specWith({ "200": { description: "ok", content: { "application/json": { schema: task } } } }),
    );
    expect(operation.encodedArgs).toEqual(["org 1/2", "task_id 1/2"]);
    expect(operation.expectedPath).toBe("/v2/orgs/org%201%2F2/tasks/task_id%201%2F2");
  });

  it("gives Prism path values its request validation accepts (a UUID for format uuid)", () => {
    const operation = onlyOperation(
      specWith({ "200": { description: "ok", content: { "application/json": { schema: task } } } }),
    );
    expect(operation.validArgs[0]).toBe("string");
    expect(operation.validArgs[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it.each([
    [
      "a bearer scheme",
      {
        given: { type: "http", scheme: "bearer" },
        want: {
          credentials: { token: "test-secret" },
          authHeaders: { authorization: "Bearer test-secret" },
          authQuery: {},
        },
      },
    ],
    [
      "an apiKey header",
      {
        given: { type: "apiKey", in: "header", name: "X-Api-Key" },
        want: { credentials: { apiKey: "test-secret" }, authHeaders: { "x-api-key": "test-secret" }, authQuery: {} },
      },
    ],
    [
      "an apiKey query parameter",
      {
        given: { type: "apiKey", in: "query", name: "key" },
        want: { credentials: { apiKey: "test-secret" }, authHeaders: {}, authQuery: { key: "test-secret" } },
      },
    ],
    [
      "HTTP basic",
      {
        given: { type: "http", scheme: "basic" },
        want: {
          credentials: { username: "test-user", password: "test-secret" },
          authHeaders: { authorization: `Basic ${Buffer.from("test-user:test-secret").toString("base64")}` },
          authQuery: {},
        },
      },
    ],
  ])("configures and expects %s", (_, { given, want }) => {
    const document = specWith(
      { "204": { description: "done" } },
      { components: { securitySchemes: { bearer: given } } },
    );
    const { credentials, ...onTheWire } = want;
    expect(plan(document)).toMatchObject(onTheWire);
    expect(testCredentials(modelOf(document).auth)).toEqual(credentials);
  });

  it("marks a body no value satisfies with the part that admits none, asks Prism nothing of it, and warns of each such part", () => {
    const nothing = { type: "null", oneOf: [{ type: "string" }, { type: "number" }] };
    const document = specWith(
      {
        "200": {
          description: "ok",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } },
        },
        "404": { description: "gone", content: { "application/json": { schema: task } } },
      },
      {
        components: {
          schemas: {
            Item: { type: "object", required: ["value"], properties: { note: nothing, value: { ...nothing } } },
          },
        },
      },
    );
    const warnings: unknown[] = [];
    const cases = planTestCases(modelOf(document), document, (warning) => warnings.push(warning));
    const [success, error] = cases.operations[0]!.responses;
    const reason = 'its type "null" admits none of its oneOf branches';
    expect(success?.unsatisfiable).toEqual({ schema: "#/components/schemas/Item/properties/value", reason });
    expect(success?.prism).toEqual({
      kind: "not-asked",
      reason: "no value satisfies the schema at #/components/schemas/Item/properties/value",
    });
    expect(error?.unsatisfiable).toBeUndefined();
    expect(warnings).toEqual(
      ["note", "value"].map((name) => ({
        code: "schema-unsatisfiable",
        pointer: `#/components/schemas/Item/properties/${name}`,
        message:
          "no value satisfies this schema (its types, branches or values contradict one another): a test serving it expects the closest sample refused",
      })),
    );
  });

  it("serves the media type's example by its pointer in the spec, with a sample of the schema in case it breaks it", () => {
    const example = { id: "task_1" };
    const document = specWith({
      "200": { description: "ok", content: { "application/json": { schema: task, example } } },
      "404": { description: "gone", content: { "application/json": { schema: task } } },
    });
    const cases = plan(document);
    const [success, error] = cases.operations[0]!.responses;
    const pointer = "#/paths/~1orgs~1{org}~1tasks~1{task_id}/get/responses";
    expect(success?.fixture).toEqual({
      example: `${pointer}/200/content/application~1json/example`,
      sample: `response ${pointer}/200/content/application~1json/schema`,
    });
    expect(error?.fixture).toEqual({ sample: `response ${pointer}/404/content/application~1json/schema` });
    expect(Object.values(cases.samples)).toEqual([{ id: "string" }, { id: "string" }]);
  });

  it("follows a named example to its component, so every response using it shares one pointer", () => {
    const examples = { first: { $ref: "#/components/examples/Task" } };
    const document = specWith(
      { "200": { description: "ok", content: { "application/json": { schema: task, examples } } } },
      { components: { examples: { Task: { value: { id: "task_1" } } } } },
    );
    expect(onlyOperation(document).responses[0]?.fixture).toMatchObject({
      example: "#/components/examples/Task/value",
    });
  });

  it("stores one sample per component schema, however many responses and operations use it", () => {
    const ref = { $ref: "#/components/schemas/Task" };
    const document = specWith(
      {
        "200": { description: "ok", content: { "application/json": { schema: ref }, "text/plain": { schema: ref } } },
        "404": { description: "gone", content: { "application/json": { schema: ref } } },
      },
      { components: { schemas: { Task: task } } },
    );
    const cases = plan(document);
    expect(Object.keys(cases.samples)).toEqual(["response #/components/schemas/Task"]);
    expect(cases.operations[0]!.responses.map((response) => response.fixture)).toEqual(
      Array(3).fill({ sample: "response #/components/schemas/Task" }),
    );
  });

  it.each([
    ["a required body", { requestBody: { required: true, content: { "application/json": { schema: task } } } }],
    [
      "a required query parameter",
      { parameters: [{ name: "q", in: "query", required: true, schema: { type: "integer" } }] },
    ],
    [
      "a required header",
      { parameters: [{ name: "X-Trace", in: "header", required: true, schema: { type: "string" } }] },
    ],
  ])("sends what the operation requires: %s", (_, given) => {
    const document: OpenApiDocument = {
      openapi: "3.1.0",
      info: { title: "Acme", version: "1" },
      paths: {
        "/tasks": { post: { operationId: "createTask", ...given, responses: { "204": { description: "done" } } } },
      },
    };
    const operation = onlyOperation(document);
    const sent = [operation.body, operation.query, operation.headers].filter(
      (part) => part !== undefined && Object.keys(part).length > 0,
    );
    expect(sent).toHaveLength(1);
  });

  it.each([
    ["a download (audio/mpeg)", { given: "audio/mpeg", want: { contentType: "audio/mpeg", decodedAs: "text" } }],
    ["JSON", { given: "application/json", want: { contentType: "application/json", decodedAs: "json" } }],
  ])("serves a body for a media type documented without schema or example: %s", (_, { given, want }) => {
    const document = specWith({ "200": { description: "ok", content: { [given]: {} } } });
    const [response] = onlyOperation(document).responses;
    const pointer = `#/paths/~1orgs~1{org}~1tasks~1{task_id}/get/responses/200/content/${given.replace("/", "~1")}`;
    expect(response).toMatchObject({ ...want, fixture: { sample: `response ${pointer}` } });
    expect(plan(document).samples[`response ${pointer}`]).toBe("string");
  });

  it("follows a response $ref written as a URI fragment (%7B for {) to the response it names", () => {
    const operation = onlyOperation(
      specWith({
        "400": { description: "bad", content: { "application/json": { schema: task } } },
        "401": { $ref: "#/paths/~1orgs~1%7Borg%7D~1tasks~1%7Btask_id%7D/get/responses/400" },
      }),
    );
    expect(operation.responses[1]).toMatchObject({
      status: "401",
      schema: "#/paths/~1orgs~1{org}~1tasks~1{task_id}/get/responses/400/content/application~1json/schema",
    });
  });

  it("serves a concrete JSON type for */*, which Prism cannot mock", () => {
    const operation = onlyOperation(specWith({ "200": { description: "ok", content: { "*/*": { schema: task } } } }));
    expect(operation.responses[0]).toMatchObject({
      contentType: "application/json",
      decodedAs: "json",
      prism: { kind: "cannot-serialise-as-text" },
    });
  });

  it("asks Prism for each documented media type explicitly, and the client prefers JSON", () => {
    const content = { "text/plain": { schema: task }, "application/json": { schema: task } };
    const operation = onlyOperation(specWith({ "200": { description: "ok", content } }));
    expect(operation.accept).toBe("application/json");
    expect(operation.responses.map((response) => response.prism)).toEqual([
      { kind: "cannot-serialise-as-text", accept: "text/plain" },
      { kind: "serves", accept: "application/json", expectedViolations: [] },
    ]);
  });

  it("finds oneOf: [null, X] with an unconstrained X, expects Prism's null there to fail validation, and samples X", () => {
    const schema = {
      type: "object",
      properties: { input: { oneOf: [{ type: "null" }, { $ref: "#/components/schemas/Json" }] } },
    };
    const document = specWith(
      { "200": { description: "ok", content: { "application/json": { schema } } } },
      { components: { schemas: { Json: { description: "Any JSON." } } } },
    );
    const cases = plan(document);
    const [response] = cases.operations[0]!.responses;
    expect(response?.prism).toEqual({ kind: "serves", accept: "application/json", expectedViolations: ["/input"] });
    expect(Object.values(cases.samples)).toEqual([{ input: {} }]);
  });

  it("serves a representative status for a range, and does not ask Prism for it", () => {
    const operation = onlyOperation(specWith({ "200": { description: "ok" }, "4XX": { description: "client error" } }));
    expect(operation.responses[1]).toMatchObject({
      status: "4XX",
      success: false,
      servedStatus: 400,
      prism: { kind: "not-asked" },
    });
  });

  it("serves default as 500, or as the highest 5xx code the spec does not document", () => {
    const served = (responses: Record<string, unknown>) =>
      onlyOperation(specWith(responses)).responses.map((response) => [response.status, response.servedStatus]);
    const error = { description: "error" };
    expect(served({ "200": { description: "ok" }, default: error })).toEqual([
      ["200", 200],
      ["default", 500],
    ]);
    expect(served({ "200": { description: "ok" }, "500": error, "599": error, default: error })).toEqual([
      ["200", 200],
      ["500", 500],
      ["599", 599],
      ["default", 598],
    ]);
  });

  it("never serves a range's content as a 204, 205 or 304, which carry none, whatever else the spec documents", () => {
    const content = { "application/json": { schema: task } };
    const operation = onlyOperation(
      specWith({
        ...Object.fromEntries([200, 201, 202, 203].map((code) => [String(code), { description: "ok", content }])),
        "2XX": { description: "other success", content },
        "3XX": { description: "other redirect", content },
      }),
    );
    expect(operation.responses.map((response) => [response.status, response.servedStatus])).toEqual([
      ["200", 200],
      ["201", 201],
      ["202", 202],
      ["203", 203],
      ["2XX", 206],
      ["3XX", 300],
    ]);
  });

  it("serves no body for a HEAD operation, whatever content it documents (RFC 9110 §9.3.2)", () => {
    const document = specWith({
      "200": { description: "ok", content: { "application/json": { schema: task } } },
      "404": { description: "gone", content: { "application/json": { schema: task } } },
    });
    const pathItem = (document.paths as Record<string, Record<string, unknown>>)["/orgs/{org}/tasks/{task_id}"]!;
    pathItem.head = pathItem.get;
    delete pathItem.get;
    const operation = onlyOperation(document);
    expect(operation.accept).toBeUndefined();
    expect(operation.responses).toEqual([
      { status: "200", success: true, servedStatus: 200, prism: { kind: "serves", expectedViolations: [] } },
      { status: "404", success: false, servedStatus: 404, prism: { kind: "serves", expectedViolations: [] } },
    ]);
  });

  it("expects the request at the path key without its fragment, which is never sent, and does not ask Prism", () => {
    const document = specWith({ "204": { description: "done" } });
    const paths = document.paths as Record<string, unknown>;
    paths["/orgs/{org}/tasks/{task_id}#cancel"] = paths["/orgs/{org}/tasks/{task_id}"];
    delete paths["/orgs/{org}/tasks/{task_id}"];
    const operation = onlyOperation(document);
    expect(operation).toMatchObject({
      path: "/orgs/{org}/tasks/{task_id}#cancel",
      encodedArgs: ["org 1/2", "task_id 1/2"],
      expectedPath: "/v2/orgs/org%201%2F2/tasks/task_id%201%2F2",
    });
    expect(operation.responses[0]?.prism).toEqual({
      kind: "not-asked",
      reason:
        "Prism matches requests against the path key /orgs/{org}/tasks/{task_id}#cancel, whose query or fragment no request path carries",
    });
  });

  it("expects the literal characters of a path key as fetch percent-encodes them", () => {
    const document = specWith({ "204": { description: "done" } });
    const paths = document.paths as Record<string, unknown>;
    paths['/orgs/{org}/tasks/{task_id}/dossier" é'] = paths["/orgs/{org}/tasks/{task_id}"];
    delete paths["/orgs/{org}/tasks/{task_id}"];
    const expected = onlyOperation(document).expectedPath;
    expect(expected).toBe("/v2/orgs/org%201%2F2/tasks/task_id%201%2F2/dossier%22%20%C3%A9");
    expect(new URL(`http://h/v2/orgs/org%201%2F2/tasks/task_id%201%2F2/dossier" é`).pathname).toBe(expected);
  });

  it("expects the query a path key carries, its path parameters encoded, before the declared ones", () => {
    const document = specWith({ "204": { description: "done" } });
    const paths = document.paths as Record<string, { get: { parameters: unknown[] } }>;
    const item = paths["/orgs/{org}/tasks/{task_id}"]!;
    item.get.parameters.push({ name: "limit", in: "query", required: true, schema: { type: "integer" } });
    paths["/orgs/{org}/tasks?id={task_id}&format=json&limit={limit}"] = item;
    delete paths["/orgs/{org}/tasks/{task_id}"];
    const operation = onlyOperation(document);
    expect(operation).toMatchObject({
      encodedArgs: ["org 1/2", "task_id 1/2"],
      expectedPath: "/v2/orgs/org%201%2F2/tasks",
      query: { id: "task_id 1/2", format: "json", limit: 0 },
    });
  });

  it.each([
    [
      "an array of objects, style form",
      {
        given: { name: "Tag", in: "query", required: true, schema: { type: "array", items: task } },
        want: {
          query: { Tag: [{ id: "string" }] },
          prism: {
            kind: "not-asked",
            reason:
              "Prism reads the nested query parameter Tag by its style, which only deepObject reads as the client sends it",
          },
        },
      },
    ],
    [
      "an object holding an array, style deepObject",
      {
        given: {
          name: "filter",
          in: "query",
          required: true,
          style: "deepObject",
          schema: {
            type: "object",
            required: ["ids"],
            properties: { ids: { type: "array", items: { type: "string" } } },
          },
        },
        want: { query: { filter: { ids: ["string"] } }, prism: { kind: "serves", expectedViolations: [] } },
      },
    ],
  ])("asks Prism for a required nested query parameter only where it reads it: %s", (_, { given, want }) => {
    const document = specWith({ "204": { description: "done" } });
    const operation = (document.paths as Record<string, Record<string, { parameters: unknown[] }>>)[
      "/orgs/{org}/tasks/{task_id}"
    ]!.get!;
    operation.parameters.push(given);
    const cases = onlyOperation(document);
    expect(cases.query).toEqual(want.query);
    expect(cases.responses[0]?.prism).toEqual(want.prism);
  });

  it("leaves the document as bundled (spec/openapi.json is written from it afterwards)", () => {
    const document = parse(readFileSync(new URL("./fixtures/required-inputs.yaml", import.meta.url), "utf8"));
    const before = structuredClone(document);
    emitTestCases(modelOf(document), document);
    expect(document).toEqual(before);
  });

  it("is byte for byte the same on every run", () => {
    const document = specWith({ "200": { description: "ok", content: { "*/*": { schema: task } } } });
    expect(emitTestCases(modelOf(document), document)).toBe(emitTestCases(modelOf(document), document));
  });
});
