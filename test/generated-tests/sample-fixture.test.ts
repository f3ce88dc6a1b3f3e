// The sampler behind the generated tests' fixtures (generator/emit/sample-fixture.ts): each sample satisfies its
// schema (checked with the harness's own ajv), and its size is bounded whatever the schema's depth, recursion or
// allOf chain.
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/bundle.js";
import { sampleSchema } from "../../generator/emit/sample-fixture.js";
import { compileSpecSchemas } from "../../runtime/src/testing/spec-schemas.js";

function documentWith(schemas: Record<string, unknown>, openapi = "3.1.0"): OpenApiDocument {
  return { openapi, info: { title: "Samples", version: "1" }, paths: {}, components: { schemas } };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe("sampleSchema", () => {
  it.each([
    ["a string format", { given: { type: "string", format: "date-time" }, want: "2024-01-01T00:00:00Z" }],
    ["a length bound", { given: { type: "string", minLength: 10 }, want: "stringssss" }],
    ["an exclusive integer bound", { given: { type: "integer", exclusiveMinimum: 4 }, want: 5 }],
    ["a multiple within bounds", { given: { type: "number", minimum: 0.3, multipleOf: 0.25 }, want: 0.5 }],
    ["an enum, null last", { given: { enum: [null, "a"] }, want: "a" }],
    ["a const", { given: { const: 3 }, want: 3 }],
    ["an example of the schema's type", { given: { type: "string", example: "octocat" }, want: "octocat" }],
    ["an example of another type, ignored", { given: { type: "string", example: 20.04 }, want: "string" }],
    [
      "an example longer than maxLength, ignored",
      { given: { type: "string", maxLength: 5, example: "too long" }, want: "strin" },
    ],
    [
      "an example breaking the pattern, ignored",
      { given: { type: "string", pattern: "^[A-Z]+$", example: "abc" }, want: "A" },
    ],
    ["an example above maximum, ignored", { given: { type: "integer", maximum: 3, example: 9 }, want: 0 }],
    [
      "an example breaking a known format, ignored",
      { given: { type: "string", format: "uri", example: "a.b" }, want: "https://example.com" },
    ],
    ["a nullable type list", { given: { type: ["null", "boolean"] }, want: true }],
    ["a pattern", { given: { type: "string", pattern: "^[T][A-Z0-9]{2,}$" }, want: "TAA" }],
    [
      "a pattern with groups, alternatives and a minLength",
      { given: { type: "string", pattern: "^(?:ab|c)+-\\d{2}$", minLength: 8 }, want: "ababababababababab-00" },
    ],
    [
      "a pattern that is no ECMAScript expression, ignored",
      { given: { type: "string", pattern: "\\A\\d+\\Z" }, want: "string" },
    ],
    ["a pattern with a backreference, ignored", { given: { type: "string", pattern: "^(a)\\1$" }, want: "string" }],
    [
      "a format with a fixed length its usual sample lacks",
      {
        given: { type: "string", format: "date-time", minLength: 25, maxLength: 25 },
        want: "2024-01-01T00:00:00+00:00",
      },
    ],
    [
      "a format whose sample the pattern refuses in lower case (a GUID pattern)",
      {
        given: {
          type: "string",
          format: "uuid",
          pattern: "^[{(]?[0-9A-F]{8}[-]?([0-9A-F]{4}[-]?){3}[0-9A-F]{12}[)}]?$",
        },
        want: "497F6ECA-6276-4993-BFEB-53CBBBBA6F08",
      },
    ],
    [
      "a format whose sample the pattern refuses in any case, the pattern's sample",
      { given: { type: "string", format: "date", pattern: "^\\d{2}/\\d{2}$" }, want: "00/00" },
    ],
    ["minItems copies", { given: { type: "array", minItems: 2, items: { type: "integer" } }, want: [0, 0] }],
    [
      "a tuple",
      { given: { type: "array", prefixItems: [{ type: "string" }, { type: "boolean" }] }, want: ["string", true] },
    ],
    ["a oneOf, its null branch skipped", { given: { oneOf: [{ type: "null" }, { type: "integer" }] }, want: 0 }],
    [
      "required properties declared beside an allOf",
      {
        given: { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { required: ["a", "b"] }] },
        want: { a: "string", b: "string" },
      },
    ],
  ])("samples %s", (_, { given, want }) => {
    expect(sampleSchema(documentWith({}), given, "response")).toEqual(want);
  });

  it.each([
    [
      "a cycle through oneOf alone, ended by its other branch",
      {
        given: { Loop: ref("LoopOrText"), LoopOrText: { oneOf: [ref("Loop"), { type: "string" }] } },
        want: "string",
      },
    ],
    [
      "a cycle through oneOf alone with no other branch, ended at the depth limit",
      { given: { Loop: ref("Only"), Only: { oneOf: [ref("Loop")] } }, want: {} },
    ],
  ])("ends %s", (_, { given, want }) => {
    expect(sampleSchema(documentWith(given), ref("Loop"), "response")).toEqual(want);
  });

  it.each([
    ["request", { given: "request" as const, want: { name: "string", secret: "string", accepts: 0 } }],
    ["response", { given: "response" as const, want: { id: "string", name: "string", accepts: 0 } }],
  ])("leaves out what a %s never carries, unless it is required", (_, { given, want }) => {
    const schema = {
      type: "object",
      required: ["accepts"],
      properties: {
        id: { type: "string", readOnly: true },
        name: { type: "string" },
        secret: { type: "string", writeOnly: true },
        accepts: { type: "integer", writeOnly: true, readOnly: true },
      },
    };
    expect(sampleSchema(documentWith({}), schema, given)).toEqual(want);
  });

  it.each([
    [
      "a recursive tree",
      {
        Node: {
          type: "object",
          required: ["id"],
          properties: { id: { type: "string" }, children: { type: "array", items: ref("Node") }, parent: ref("Node") },
        },
      },
    ],
    [
      "a recursion through an allOf chain",
      {
        Base: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, next: ref("Node") } },
        Node: { allOf: [ref("Base"), { type: "object", properties: { value: { type: "number" } } }] },
      },
    ],
    [
      "a required recursion that may end in null",
      {
        Node: {
          type: "object",
          required: ["next"],
          properties: {
            next: { oneOf: [{ type: "null" }, ref("Node")] },
            list: { type: ["array", "null"], items: ref("Node") },
          },
        },
      },
    ],
    [
      "an allOf whose later part narrows a property's items (a generic wrapper's data: array of object)",
      {
        Item: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
        Node: {
          allOf: [
            { type: "object", properties: { data: { type: "array", items: { type: "object" } } } },
            { properties: { data: { type: "array", items: ref("Item") } } },
          ],
        },
      },
    ],
  ])("samples %s with a valid, small value", (_, schemas) => {
    const document = documentWith(schemas);
    const value = sampleSchema(document, ref("Node"), "response");
    expect(compileSpecSchemas(document).violations("#/components/schemas/Node", value)).toEqual([]);
    expect(JSON.stringify(value).length).toBeLessThan(2_000);
  });

  it("gives samples that stop growing with the depth of an allOf chain or of nested objects", () => {
    const sizes = [4, 16, 64].map((depth) => {
      const schemas: Record<string, unknown> = {
        Level0: { type: "object", required: ["leaf"], properties: { leaf: { type: "string" } } },
      };
      for (let level = 1; level <= depth; level++) {
        schemas[`Level${level}`] = {
          allOf: [ref(`Level${level - 1}`)],
          type: "object",
          required: [`field${level}`],
          properties: {
            [`field${level}`]: { type: "string" },
            [`optional${level}`]: { type: "object", properties: { inner: ref(`Level${level - 1}`) } },
            nested: ref(`Level${level - 1}`),
          },
        };
      }
      const document = documentWith(schemas);
      const value = sampleSchema(document, ref(`Level${depth}`), "response");
      expect(compileSpecSchemas(document).violations(`#/components/schemas/Level${depth}`, value)).toEqual([]);
      return JSON.stringify(value).length;
    });
    // Each level adds one required field (an allOf joins them, as the schema requires): linear at most.
    expect(sizes[2]! / sizes[1]!).toBeLessThan(64 / 16 + 1);
    expect(sizes[2]!).toBeLessThan(20_000);
  });
});
