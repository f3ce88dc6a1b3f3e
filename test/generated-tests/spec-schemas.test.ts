// The validator behind the generated tests (runtime/src/testing/spec-schemas.ts): a value checked against a schema
// of the spec by its pointer, where the spec's literal data (examples, `x-` extensions) never reads as a schema.
import { describe, expect, it } from "vitest";
import { compileSpecSchemas } from "../../runtime/src/testing/spec-schemas.js";

function documentWith(schemas: Record<string, unknown>, openapi = "3.1.0"): Record<string, unknown> {
  return { openapi, info: { title: "Schemas", version: "1" }, paths: {}, components: { schemas } };
}

const metadata = { $id: "01234500-12f1-1234-aa12-b1d234cb567e", $scope: "enterprise" };

describe("compileSpecSchemas", () => {
  it.each([
    [
      "an $id inside examples and x- extensions, twice (Box's metadata examples)",
      {
        given: {
          schemas: {
            Thing: {
              type: "object",
              properties: { size: { type: "integer" } },
              example: { metadata },
              "x-sample": { metadata },
            },
            Other: { type: "object", examples: [{ metadata }], example: { nested: { metadata } } },
          },
          value: { size: "big" },
        },
        want: ["/size type"],
      },
    ],
    [
      "properties named example, examples and x-rate, which are schemas",
      {
        given: {
          schemas: {
            Thing: {
              type: "object",
              properties: { example: { type: "string" }, examples: { type: "array" }, "x-rate": { type: "number" } },
            },
          },
          value: { example: 1, examples: {}, "x-rate": "fast" },
        },
        want: ["/example type", "/examples type", "/x-rate type"],
      },
    ],
    [
      "a pattern that is no ECMAScript expression (Ruby's \\A and \\Z), which constrains nothing",
      {
        given: {
          schemas: {
            Thing: {
              type: "object",
              properties: { host: { type: "string", pattern: "\\A[a-z]+\\Z" }, id: { type: "string", pattern: "^T" } },
            },
          },
          value: { host: "1.2", id: "U1" },
        },
        want: ["/id pattern"],
      },
    ],
    [
      "a valid value",
      {
        given: { schemas: { Thing: { type: "object", example: { metadata } } }, value: { any: true } },
        want: [],
      },
    ],
    [
      "OpenAPI 3.0's boolean exclusiveMinimum and exclusiveMaximum, qualifying minimum and maximum",
      {
        given: {
          openapi: "3.0.3",
          schemas: {
            Thing: {
              type: "object",
              properties: {
                id: { type: "integer", minimum: 0, exclusiveMinimum: true },
                low: { type: "integer", maximum: 5, exclusiveMaximum: true },
                open: { type: "integer", minimum: 0, exclusiveMinimum: false },
              },
            },
          },
          value: { id: 0, low: 5, open: 0 },
        },
        want: ["/id exclusiveMinimum", "/low exclusiveMaximum"],
      },
    ],
  ])("validates against a schema beside %s", (_, { given, want }) => {
    const schemas = compileSpecSchemas(documentWith(given.schemas, "openapi" in given ? given.openapi : undefined));
    const violations = schemas.violations("#/components/schemas/Thing", given.value);
    expect(violations.map((violation) => `${violation.at} ${violation.keyword}`)).toEqual(want);
  });

  it.each([["3.0.3"], ["3.1.0"]])(
    "reads an untyped nullable schema of OpenAPI %s as accepting anything, null included",
    (openapi) => {
      const schemas = compileSpecSchemas(documentWith({ Thing: { nullable: true, description: "any" } }, openapi));
      expect(schemas.violations("#/components/schemas/Thing", null)).toEqual([]);
    },
  );

  // Asana's `{ nullable: true, allOf: [{ $ref: Object }] }`: the generated type is `Object | null`.
  const nullableComposition = {
    Owner: {
      type: "object",
      properties: {
        user: { nullable: true, allOf: [{ $ref: "#/components/schemas/User" }] },
        users: { type: "array", items: { nullable: true, oneOf: [{ $ref: "#/components/schemas/User" }] } },
      },
    },
    User: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    Named: { $ref: "#/components/schemas/Owner/properties/user/allOf/0" },
    Nested: {
      nullable: true,
      allOf: [{ nullable: true, anyOf: [{ type: "object", properties: { a: { type: "integer" } } }] }],
    },
    "Odd/100%": { nullable: true, allOf: [{ $ref: "#/components/schemas/User" }] },
    OddRef: { $ref: "#/components/schemas/Odd~1100%25/allOf/0" },
    NestedA: { $ref: "#/components/schemas/Nested/allOf/0/anyOf/0/properties/a" },
  };
  it.each([
    ["null where nullable sits beside an allOf", "Owner", { user: null, users: [null] }, []],
    ["a value that breaks the allOf beside nullable", "Owner", { user: { name: 1 } }, ["/user/name type"]],
    ["a $ref into a nullable schema's allOf", "Named", { name: 1 }, ["/name type"]],
    ["a $ref through two nested nullable schemas", "NestedA", "one", ["/ type"]],
    ["null at the outer of two nested nullable schemas", "Nested", null, []],
    ["a $ref with escaped tokens into a nullable schema", "OddRef", { name: 1 }, ["/name type"]],
  ])("reads nullable beside a composition in OpenAPI 3.0 as null or the rest: %s", (_, schema, value, want) => {
    const schemas = compileSpecSchemas(documentWith(nullableComposition, "3.0.3"));
    const violations = schemas.violations(`#/components/schemas/${schema}`, value);
    expect(violations.map((violation) => `${violation.at || "/"} ${violation.keyword}`)).toEqual(want);
  });

  it.each([["3.0.3"], ["3.1.0"]])(
    "reads a type that names no JSON type (OpenAPI %s) as no type, as the generator does, instead of failing to compile",
    (openapi) => {
      const schemas = compileSpecSchemas(
        documentWith({ Thing: { type: { enum: ["a"], type: "string" }, nullable: true } }, openapi),
      );
      expect(schemas.violations("#/components/schemas/Thing", "b")).toEqual([]);
    },
  );
});
