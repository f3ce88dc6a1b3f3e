// The plan behind each package's generated tests (generator/emit/fixtures.ts), one spec feature per small document,
// and the emitter's output: deterministic, and naming every Prism limitation instead of skipping it.
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/bundle.js";
import { planPackageTests } from "../../generator/emit/fixtures.js";
import { emitPackageTests } from "../../generator/emit/tests.js";
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

function plan(document: OpenApiDocument) {
  const { manifest } = readManifest("acme", undefined);
  return planPackageTests(buildProviderModel(document, manifest, "specs/acme/openapi.yaml"), document);
}

function onlyOperation(document: OpenApiDocument) {
  const [operation] = plan(document).operations;
  if (!operation) throw new Error("the document has no operation");
  return operation;
}

const task = { type: "object", required: ["id"], properties: { id: { type: "string" } } };

describe("planPackageTests", () => {
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
      { type: "http", scheme: "bearer" },
      { token: "test-secret" },
      { authorization: "Bearer test-secret" },
      {},
    ],
    [
      "an apiKey header",
      { type: "apiKey", in: "header", name: "X-Api-Key" },
      { apiKey: "test-secret" },
      { "x-api-key": "test-secret" },
      {},
    ],
    [
      "an apiKey query parameter",
      { type: "apiKey", in: "query", name: "key" },
      { apiKey: "test-secret" },
      {},
      { key: "test-secret" },
    ],
  ])("configures and expects %s", (_, scheme, credentials, authHeaders, authQuery) => {
    const document = specWith(
      { "204": { description: "done" } },
      { components: { securitySchemes: { bearer: scheme } } },
    );
    expect(plan(document)).toMatchObject({ credentials, authHeaders, authQuery });
  });

  it("serves the media type's example when the spec has one, else a sample of the schema", () => {
    const example = { id: "task_1" };
    const operation = onlyOperation(
      specWith({
        "200": { description: "ok", content: { "application/json": { schema: task, example } } },
        "404": { description: "gone", content: { "application/json": { schema: task } } },
      }),
    );
    expect(operation.success[0]?.fixture).toEqual({ value: example, source: "example" });
    expect(operation.errors[0]?.fixture).toEqual({ value: { id: "string" }, source: "sample" });
  });

  it("serves a concrete JSON type for */*, which Prism cannot mock", () => {
    const operation = onlyOperation(specWith({ "200": { description: "ok", content: { "*/*": { schema: task } } } }));
    expect(operation.success[0]).toMatchObject({
      contentType: "application/json",
      decodedAs: "json",
      prism: { kind: "cannot-serialise-as-text" },
    });
  });

  it("asks Prism for each documented media type explicitly, and the client prefers JSON", () => {
    const content = { "text/plain": { schema: task }, "application/json": { schema: task } };
    const operation = onlyOperation(specWith({ "200": { description: "ok", content } }));
    expect(operation.operation.accept).toBe("application/json");
    expect(operation.success.map((response) => response.prism)).toEqual([
      { kind: "cannot-serialise-as-text", accept: "text/plain" },
      { kind: "serves", accept: "application/json", expectedViolations: [] },
    ]);
  });

  it("finds oneOf: [null, X] with an unconstrained X, and expects Prism's null there to fail validation", () => {
    const schema = {
      type: "object",
      properties: { input: { oneOf: [{ type: "null" }, { $ref: "#/components/schemas/Json" }] } },
    };
    const document = specWith(
      { "200": { description: "ok", content: { "application/json": { schema } } } },
      { components: { schemas: { Json: { description: "Any JSON." } } } },
    );
    const [response] = onlyOperation(document).success;
    expect(response?.ambiguousNulls).toEqual([{ at: "/input", nullFirst: true }]);
    expect(response?.prism).toEqual({ kind: "serves", accept: "application/json", expectedViolations: ["/input"] });
    expect(response?.fixture?.value).toEqual({ input: {} });
  });

  it("serves a representative status for a range, and does not ask Prism for it", () => {
    const operation = onlyOperation(specWith({ "200": { description: "ok" }, "4XX": { description: "client error" } }));
    expect(operation.errors).toMatchObject([{ status: "4XX", servedStatus: 400, prism: { kind: "not-asked" } }]);
  });
});

describe("emitPackageTests", () => {
  const document = specWith({
    "200": { description: "ok", content: { "*/*": { schema: task } } },
    "404": { description: "gone" },
  });
  const { manifest } = readManifest("acme", undefined);
  const model = buildProviderModel(document, manifest, "specs/acme/openapi.yaml");

  it("emits the loopback, Prism and type tests, byte for byte the same on every run", () => {
    const first = emitPackageTests(model, document);
    expect([...first.keys()]).toEqual(["test/client.test.ts", "test/prism.test.ts", "test/client.test-d.ts"]);
    expect(emitPackageTests(model, document)).toEqual(first);
  });

  it("names a Prism limitation in a test that asserts it", () => {
    const prismTests = emitPackageTests(model, document).get("test/prism.test.ts")!;
    expect(prismTests).toContain('it("200 */*: Prism cannot mock */* responses');
    expect(prismTests).toContain('excerpt: expect.stringContaining("Cannot serialise complex objects as text")');
    expect(prismTests).not.toMatch(/\bit\.skip\b|\.skipIf\(/);
  });
});
