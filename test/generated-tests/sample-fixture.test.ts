// The sampler behind the generated tests' fixtures (generator/emit/sample-fixture.ts): each sample satisfies its
// schema (checked with the harness's own ajv), and its size is bounded whatever the schema's depth, recursion or
// allOf chain.
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../generator/bundle.js";
import { sampleSchema, sampleSchemaChecked } from "../../generator/emit/sample-fixture.js";
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
      { given: { type: "string", maxLength: 3, example: "abcd" }, want: "str" },
    ],
    ["an example off its pattern, ignored", { given: { type: "string", pattern: "^T", example: "U1" }, want: "T" }],
    ["an example below its minimum, ignored", { given: { type: "integer", minimum: 2, example: 1 }, want: 2 }],
    [
      "an example at its 3.0 exclusive maximum, ignored",
      { given: { type: "number", maximum: 0, exclusiveMaximum: true, example: 0 }, want: -1 },
    ],
    ["an example off its multipleOf, ignored", { given: { type: "integer", multipleOf: 5, example: 7 }, want: 0 }],
    ["a default within bounds", { given: { type: "integer", minimum: 2, example: 1, default: 3 }, want: 3 }],
    [
      "an example breaking the pattern, ignored",
      { given: { type: "string", pattern: "^[A-Z]+$", example: "abc" }, want: "A" },
    ],
    ["an example above maximum, ignored", { given: { type: "integer", maximum: 3, example: 9 }, want: 0 }],
    [
      "an example breaking a known format, ignored",
      { given: { type: "string", format: "uri", example: "a.b" }, want: "https://example.com" },
    ],
    [
      "an example breaking a format checked by a function, ignored",
      { given: { type: "string", format: "date-time", example: "yesterday" }, want: "2024-01-01T00:00:00Z" },
    ],
    [
      "an example under a format for numbers, kept",
      { given: { type: "string", format: "int32", example: "x" }, want: "x" },
    ],
    [
      "an example under an unknown format, kept",
      { given: { type: "string", format: "colour", example: "red" }, want: "red" },
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
    ["request", { given: "request" as const, want: { id: 0, position: { column: 0 } } }],
    ["response", { given: "response" as const, want: { id: 0, position: { column: 0 } } }],
  ])("samples what a %s never carries where it is required", (_, { given, want }) => {
    const schemas = {
      Position: { type: "object", writeOnly: true, required: ["column"], properties: { column: { type: "integer" } } },
      Gadget: {
        type: "object",
        required: ["id", "position"],
        properties: { id: { type: "integer", readOnly: true }, position: { allOf: [ref("Position")] } },
      },
    };
    expect(sampleSchema(documentWith(schemas), ref("Gadget"), given)).toEqual(want);
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

  const nullOrText = { type: "null", oneOf: [{ type: "string" }, { type: "number" }] };
  const textAndNull = { allOf: [{ type: "string" }, { type: "null" }] };
  const numberEnum = { type: "string", enum: [1, 2] };
  // Microsoft Graph's: JSON Schema's `time` has a zone, and the pattern allows none.
  const zonelessTime = { type: "string", format: "time", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$" };

  it.each([
    ["a type no oneOf branch has", { given: nullOrText, want: 'its type "null" admits none of its oneOf branches' }],
    [
      "an allOf of two types",
      { given: textAndNull, want: 'its allOf joins the types "string", "null", which share no value' },
    ],
    ["an enum none of whose values has the type", { given: numberEnum, want: "none of its enum values has its type" }],
    [
      "a format and a pattern no string has both of",
      { given: zonelessTime, want: 'no string has its format "time", its pattern and its length' },
    ],
  ])("finds that no value satisfies %s, and says so", (_, { given, want }) => {
    const sample = sampleSchemaChecked(documentWith({ Thing: given }), ref("Thing"), "response");
    expect(sample.unsatisfiable).toEqual({ schema: given, reason: want });
    expect(sample.found).toEqual([{ schema: given, reason: want }]);
  });

  it.each([
    [
      "a required property that admits no value",
      { type: "object", required: ["gone"], properties: { gone: nullOrText } },
      nullOrText,
    ],
    [
      "an array that must hold an item that admits no value",
      { type: "array", minItems: 1, items: textAndNull },
      textAndNull,
    ],
    ["a oneOf none of whose branches admits a value", { oneOf: [nullOrText, textAndNull] }, undefined],
  ])("finds that no value satisfies %s, through it", (_, given, part) => {
    const sample = sampleSchemaChecked(documentWith({ Thing: given }), ref("Thing"), "response");
    expect(sample.unsatisfiable?.schema).toBe(part ?? given);
  });

  it.each([
    [
      "an optional property that admits no value, left out",
      { Thing: { type: "object", required: ["id"], properties: { id: { type: "string" }, gone: nullOrText } } },
      { id: "string" },
    ],
    ["items that admit no value, none", { Thing: { type: "array", items: textAndNull } }, []],
    [
      "a oneOf whose first branch admits no value, its second (Vercel's user: full or limited)",
      {
        Thing: { type: "object", properties: { user: { oneOf: [ref("Full"), ref("Limited")] } }, required: ["user"] },
        Full: { type: "object", required: ["id", "plan"], properties: { id: { type: "string" }, plan: numberEnum } },
        Limited: {
          type: "object",
          required: ["id", "limited"],
          properties: { id: { type: "string" }, limited: { type: "boolean" } },
        },
      },
      { user: { id: "string", limited: true } },
    ],
    [
      "an anyOf whose branches name no type, each held with the schema's own",
      { Thing: { type: "string", anyOf: [{ format: "date" }, { format: "date-time" }] } },
      "2024-01-01",
    ],
    [
      "a oneOf whose branches have other types than the schema's own, the one that fits",
      { Thing: { type: ["string", "null"], oneOf: [{ type: "integer" }, { type: "string", format: "date" }] } },
      "2024-01-01",
    ],
    [
      "a format whose sample breaks its pattern, the pattern's sample, which has the format",
      { Thing: { type: "string", format: "date", pattern: "^2024-01-0[5-9]$" } },
      "2024-01-05",
    ],
    [
      "a format and a pattern no string has both of, in a schema that admits null: null",
      { Thing: { ...zonelessTime, type: ["string", "null"] } },
      null,
    ],
  ])("samples %s, with a valid value", (_, schemas, want) => {
    const document = documentWith(schemas);
    const sample = sampleSchemaChecked(document, ref("Thing"), "response");
    expect(sample.value).toEqual(want);
    expect(sample.unsatisfiable).toBeUndefined();
    expect(compileSpecSchemas(document).violations("#/components/schemas/Thing", sample.value)).toEqual([]);
  });
});
