// generator/spec/: the one way the stages read a spec. Tables of [name, { given, want }].
import { describe, expect, it } from "vitest";
import { camelCase } from "../../generator/naming.js";
import { summarizeWarnings, type Problem } from "../../generator/problems.js";
import {
  acceptsNull,
  declaresNull,
  deref,
  findReferences,
  isJsonMediaType,
  isNullSchema,
  listOperations,
  mergeParameters,
  parsePointer,
  resolveLocalRef,
  resolvePointer,
  toPointer,
} from "../../generator/spec/index.js";

describe("JSON pointers", () => {
  const cases: [string, { given: string[]; want: string }][] = [
    ["no tokens", { given: [], want: "#" }],
    ["a path with slashes", { given: ["paths", "/tasks/{id}", "get"], want: "#/paths/~1tasks~1{id}/get" }],
    ["a tilde before a slash", { given: ["a~/b"], want: "#/a~0~1b" }],
    ["a literal ~1", { given: ["~1"], want: "#/~01" }],
    ["an empty key", { given: ["", "x"], want: "#//x" }],
  ];
  it.each(cases)("%s: escapes and parses back", (_name, { given, want }) => {
    expect(toPointer(given)).toBe(want);
    expect(parsePointer(want)).toEqual(given);
  });

  const lookups: [string, { document: unknown; pointer: string; want: unknown }][] = [
    ["an own key", { document: { a: { b: 1 } }, pointer: "#/a/b", want: 1 }],
    ["an array index", { document: { a: [10, 20] }, pointer: "#/a/1", want: 20 }],
    ["an inherited member is no key", { document: { a: {} }, pointer: "#/a/constructor", want: undefined }],
    ["__proto__ as an own key", { document: JSON.parse('{"__proto__": {"x": 1}}'), pointer: "#/__proto__/x", want: 1 }],
    ["text that is not a pointer", { document: { a: 1 }, pointer: "a", want: undefined }],
  ];
  it.each(lookups)("resolvePointer finds %s", (_name, { document, pointer, want }) => {
    expect(resolvePointer(document, pointer)).toEqual(want);
  });

  it("resolveLocalRef percent-decodes a $ref fragment", () => {
    expect(resolveLocalRef({ components: { "100%": 1 } }, "#/components/100%25")).toBe(1);
  });

  it("reads each document as it is now, though a pointer is split once", () => {
    const document: Record<string, unknown> = { a: { b: 1 } };
    expect(resolvePointer(document, "#/a/b")).toBe(1);
    expect(resolvePointer({ a: { b: 2 } }, "#/a/b")).toBe(2);
    document.a = { b: 3 };
    expect(resolvePointer(document, "#/a/b")).toBe(3);
    expect(resolveLocalRef(document, "#/a/b")).toBe(3);
    expect(resolvePointer(document, "#/a~1b")).toBeUndefined();
  });
});

describe("deref", () => {
  const document = {
    components: {
      schemas: {
        A: { $ref: "#/components/schemas/B" },
        B: { type: "string" },
        Loop: { $ref: "#/components/schemas/Loop2" },
        Loop2: { $ref: "#/components/schemas/Loop" },
      },
    },
  };
  const cases: [string, { given: unknown; want: { node: unknown; pointer: string | undefined } }][] = [
    ["a node that is no $ref", { given: { type: "integer" }, want: { node: { type: "integer" }, pointer: undefined } }],
    [
      "a chain of $refs",
      {
        given: { $ref: "#/components/schemas/A" },
        want: { node: { type: "string" }, pointer: "#/components/schemas/B" },
      },
    ],
    [
      "a loop",
      { given: { $ref: "#/components/schemas/Loop" }, want: { node: undefined, pointer: "#/components/schemas/Loop" } },
    ],
    [
      "a $ref to another file, left as it is",
      { given: { $ref: "other.yaml#/X" }, want: { node: { $ref: "other.yaml#/X" }, pointer: undefined } },
    ],
  ];
  it.each(cases)("follows %s", (_name, { given, want }) => {
    expect(deref(document, given)).toEqual(want);
  });
});

describe("schema predicates", () => {
  const document = { components: { schemas: { Any: {}, Text: { type: "string" } } } };
  const cases: [string, { given: unknown; nullSchema: boolean; acceptsNull: boolean }][] = [
    ["type: 'null'", { given: { type: "null" }, nullSchema: true, acceptsNull: true }],
    ["type: ['null']", { given: { type: ["null"] }, nullSchema: true, acceptsNull: true }],
    ["enum: [null]", { given: { enum: [null] }, nullSchema: true, acceptsNull: true }],
    ["const: null", { given: { const: null }, nullSchema: true, acceptsNull: true }],
    ["type: ['string', 'null']", { given: { type: ["string", "null"] }, nullSchema: false, acceptsNull: true }],
    ["nullable: true", { given: { type: "string", nullable: true }, nullSchema: false, acceptsNull: true }],
    ["an unconstrained schema", { given: {}, nullSchema: false, acceptsNull: true }],
    ["a $ref to one", { given: { $ref: "#/components/schemas/Any" }, nullSchema: false, acceptsNull: true }],
    ["a string", { given: { $ref: "#/components/schemas/Text" }, nullSchema: false, acceptsNull: false }],
    ["a composition", { given: { anyOf: [{ type: "null" }] }, nullSchema: false, acceptsNull: false }],
    ["not a schema", { given: null, nullSchema: false, acceptsNull: false }],
  ];
  it.each(cases)("%s", (_name, { given, nullSchema, acceptsNull: accepts }) => {
    expect(isNullSchema(given)).toBe(nullSchema);
    expect(acceptsNull(document, given)).toBe(accepts);
  });

  // declaresNull reads the schema's own words; acceptsNull is what a validator makes of all of them.
  const declared: [string, { given: Record<string, unknown>; want: boolean }][] = [
    ["nullable: true", { given: { type: "string", nullable: true }, want: true }],
    ["type: 'null'", { given: { type: "null" }, want: true }],
    [
      "type: ['string', 'null'] with an enum without null",
      { given: { type: ["string", "null"], enum: ["a"] }, want: true },
    ],
    ["enum: [null]", { given: { enum: [null] }, want: false }],
    ["an unconstrained schema", { given: {}, want: false }],
    ["type: 'string'", { given: { type: "string" }, want: false }],
  ];
  it.each(declared)("declaresNull: %s", (_name, { given, want }) => {
    expect(declaresNull(given)).toBe(want);
  });

  const mediaTypes: [string, boolean][] = [
    ["application/json", true],
    ["application/problem+json; charset=utf-8", true],
    ["text/json", true],
    ["application/jsonl", false],
    ["*/*", false],
  ];
  it.each(mediaTypes)("isJsonMediaType(%s) is %s", (mediaType, want) => {
    expect(isJsonMediaType(mediaType)).toBe(want);
  });
});

describe("operations", () => {
  const document = {
    components: { parameters: { Limit: { name: "limit", in: "query", required: true } } },
    paths: {
      "/b/{id}": {
        parameters: [
          { name: "id", in: "path", required: true, description: "path level" },
          { name: "trace", in: "header" },
        ],
        post: {
          parameters: [
            { name: "id", in: "path", required: true, description: "operation level" },
            { $ref: "#/components/parameters/Limit" },
          ],
        },
        get: {},
        "x-internal": { get: {} },
      },
      "/a": { delete: {} },
    },
  };

  it("lists operations, paths sorted, methods in HTTP order, extensions skipped", () => {
    expect(listOperations(document).map(({ method, path, pointer }) => `${method} ${path} ${pointer}`)).toEqual([
      "delete /a #/paths/~1a/delete",
      "get /b/{id} #/paths/~1b~1{id}/get",
      "post /b/{id} #/paths/~1b~1{id}/post",
    ]);
  });

  it("merges path-level parameters with the operation's, which override by name and location", () => {
    const pathItem = document.paths["/b/{id}"];
    expect(mergeParameters(document, pathItem, pathItem.post)).toEqual([
      { name: "id", in: "path", required: true, description: "operation level" },
      { name: "trace", in: "header" },
      { name: "limit", in: "query", required: true },
    ]);
  });
});

describe("findReferences", () => {
  it("finds references in reference positions only", () => {
    const document = {
      openapi: "3.1.0",
      "x-extension": { $ref: "http://x.test/a" },
      paths: {
        "/a": {
          get: {
            responses: {
              "200": {
                $ref: "#/components/responses/Ok",
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Pet: {
            properties: { example: { $ref: "#/components/schemas/Name" } },
            example: { $ref: "http://x.test/example" },
            default: { $ref: "http://x.test/default" },
            enum: [{ $ref: "http://x.test/enum" }],
            regex: { $ref: "http://x.test/unknown" },
            "x-schema": { $ref: "http://x.test/extension" },
            discriminator: {
              propertyName: "kind",
              mapping: { a: "#/components/schemas/A", b: "B", c: "http://x.test/c" },
            },
          },
        },
      },
    };
    Object.defineProperty(document.components.schemas.Pet.properties, "__proto__", {
      value: { $ref: "#/components/schemas/Name" },
      enumerable: true,
    });
    expect(findReferences(document).map(({ pointer, ref, kind }) => `${kind} ${pointer} ${ref}`)).toEqual([
      "$ref #/paths/~1a/get/responses/200/$ref #/components/responses/Ok",
      "$ref #/components/schemas/Pet/properties/example/$ref #/components/schemas/Name",
      "$ref #/components/schemas/Pet/properties/__proto__/$ref #/components/schemas/Name",
      "mapping #/components/schemas/Pet/discriminator/mapping/a #/components/schemas/A",
      "mapping #/components/schemas/Pet/discriminator/mapping/c http://x.test/c",
    ]);
  });
});

describe("findReferences in a file other than the OpenAPI document", () => {
  it("counts every $ref, its types being unknown", () => {
    const schemas = { Pet: { example: { $ref: "./example.yaml" }, properties: { a: { $ref: "#/Name" } } } };
    expect(findReferences(schemas).map(({ pointer, ref }) => `${pointer} ${ref}`)).toEqual([
      "#/Pet/example/$ref ./example.yaml",
      "#/Pet/properties/a/$ref #/Name",
    ]);
  });

  it("counts every discriminator mapping entry that names a document, as Redocly's bundler follows them", () => {
    const schemas = {
      Pet: {
        oneOf: [{ $ref: "#/Cat" }],
        discriminator: { propertyName: "kind", mapping: { cat: "#/Cat", dog: "models/dog.yml#/Dog", bird: "Bird" } },
      },
    };
    expect(findReferences(schemas).map(({ pointer, ref, kind }) => `${kind} ${pointer} ${ref}`)).toEqual([
      "$ref #/Pet/oneOf/0/$ref #/Cat",
      "mapping #/Pet/discriminator/mapping/cat #/Cat",
      "mapping #/Pet/discriminator/mapping/dog models/dog.yml#/Dog",
    ]);
  });
});

describe("naming", () => {
  const cases: [string, string][] = [
    ["taskID", "taskId"],
    ["task_id", "taskId"],
    ["get-task by ID", "getTaskById"],
    ["class", "class_"],
    ["2fa", "_2fa"],
  ];
  it.each(cases)("camelCase(%s) is %s", (given, want) => {
    expect(camelCase(given)).toBe(want);
  });
});

describe("summarizeWarnings", () => {
  const warning = (code: string, line: number, file = "specs/x/openapi.yaml"): Problem => ({
    code,
    severity: "warning",
    file,
    pointer: `#/components/schemas/S${line}`,
    line,
    message: `finding ${line}`,
  });
  const cases: [string, { given: Problem[]; want: string[] }][] = [
    [
      "a kind seen once",
      {
        given: [warning("unknown-keyword", 3)],
        want: ["warning: specs/x/openapi.yaml:3 #/components/schemas/S3: finding 3"],
      },
    ],
    [
      "a kind seen five times, and another",
      {
        given: [1, 2, 3, 4, 5].map((line) => warning("nullable-in-3.1", line)).concat(warning("unknown-keyword", 9)),
        want: [
          "warning: specs/x/openapi.yaml: 5 × nullable-in-3.1 (finding 1) at :1 #/components/schemas/S1, :2 #/components/schemas/S2, :3 #/components/schemas/S3 and 2 more",
          "warning: specs/x/openapi.yaml:9 #/components/schemas/S9: finding 9",
        ],
      },
    ],
    [
      "one kind in two files",
      {
        given: [warning("unknown-keyword", 1), warning("unknown-keyword", 2, "specs/y/openapi.yaml")],
        want: [
          "warning: specs/x/openapi.yaml:1 #/components/schemas/S1: finding 1",
          "warning: specs/y/openapi.yaml:2 #/components/schemas/S2: finding 2",
        ],
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(summarizeWarnings(given)).toEqual(want);
  });
});
