// Emits test/client.test-d.ts: the client's real signatures (path parameters in template order, then options,
// required exactly when the operation requires a body, query or header parameter), and its data and error types
// checked against the schema types openapi-typescript made of each documented response.
import { StructureKind, type CodeBlockWriter, type StatementStructures } from "ts-morph";
import type { OpenApiDocument } from "../bundle.js";
import type { OperationModel, ProviderModel } from "../model.js";
import { deref, escapePointerToken, resolvePointer, spansContentFreeSuccess } from "../spec/index.js";
import { requiresInput } from "./client.js";
import { stringLiteral } from "./docs.js";
import { createWriter, specifierList } from "./project.js";

export function emitClientTestD(model: ProviderModel, document: OpenApiDocument): (StatementStructures | string)[] {
  const clientType = `${model.pascalName}Client`;
  const usesApiError = model.operations.some((operation) =>
    errorStatuses(operation).some((status) => !/^\d{3}$/.test(status)),
  );
  // Written before the imports are known, so that a spec without components imports no unused `components`.
  const tests = createWriter();
  for (const operation of model.operations) {
    tests.blankLine();
    block(tests, `describe(${stringLiteral(`${operation.functionName} types`)}, () =>`, () =>
      writeOperationTypeTests(tests, clientType, operation, document),
    );
  }
  const body = tests.toString();
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ["assertType", "describe", ...(body.includes("expectTypeOf") ? ["expectTypeOf"] : []), "it"],
      moduleSpecifier: "vitest",
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ["TypeEquals"],
      moduleSpecifier: "@unitask/core/testing",
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: specifierList([
        ...(usesApiError ? ["ApiError"] : []),
        ...(body.includes("components[") ? ["components"] : []),
        clientType,
        ...model.operations.flatMap((operation) =>
          ["Data", "Error", "Options"].map((suffix) => `${operation.typeName}${suffix}`),
        ),
        ...(body.includes("paths[") ? ["paths"] : []),
      ]),
      moduleSpecifier: "../src/index.js",
    },
    body,
  ];
}

function writeOperationTypeTests(
  writer: CodeBlockWriter,
  clientType: string,
  operation: OperationModel,
  document: OpenApiDocument,
): void {
  const { functionName, typeName } = operation;
  const method = `${clientType}[${stringLiteral(functionName)}]`;
  block(
    writer,
    `it(${stringLiteral(`takes the path parameters in template order, then the ${requiresInput(operation) ? "required" : "optional"} options, and resolves with the data`)}, () =>`,
    () => {
      const parameters = [
        ...operation.pathParams.map((param) => `${param.argName}: string | number`),
        `options${requiresInput(operation) ? "" : "?"}: ${typeName}Options`,
      ];
      writer.writeLine(equalTypes(`Parameters<${method}>`, `[${parameters.join(", ")}]`));
      writer.writeLine(equalTypes(`ReturnType<${method}>`, `Promise<${typeName}Data>`));
    },
  );
  writer.blankLine();
  block(writer, `it("resolves with the schema type of every documented success media type", () =>`, () => {
    const data = `${typeName}Data`;
    const bodies = operation.successStatuses.flatMap((status) => bodyTypes(document, operation, status));
    for (const body of bodies) {
      if (body.content !== body.type) writer.writeLine(equalTypes(body.content, body.type));
    }
    const distinct = [...new Set(bodies.map((body) => body.type))];
    if (distinct.length === 0) {
      writer.writeLine(equalTypes(data, "never"));
      return;
    }
    writer.writeLine(equalTypes(data, distinct.join(" | ")));
    if (distinct.length === 1 && distinct[0] !== "unknown" && distinct[0] !== "undefined") {
      writer.writeLine(`expectTypeOf<${data}>().not.toBeUnknown();`);
      writer.writeLine(`expectTypeOf<${data}>().not.toBeAny();`);
      writer.writeLine(`expectTypeOf<${data}>().not.toBeNever();`);
      const { schema, schemaPointer } = bodies[0]!;
      // Inline schemas are spelt out property by property, so the check does not only compare the type with itself.
      if (schema !== undefined && !isComponentRef(schema))
        for (const line of propertyAssertions(document, data, schema, schemaPointer)) writer.writeLine(line);
    }
  });
  writer.blankLine();
  const errors = errorStatuses(operation);
  const error = `${typeName}Error`;
  block(
    writer,
    `it(${stringLiteral(errors.length === 0 ? "documents no error status, so its error type is never" : "rejects with errors discriminated by status, each with its documented body type")}, () =>`,
    () => {
      if (errors.length === 0) {
        writer.writeLine(equalTypes(error, "never"));
        return;
      }
      const exact = errors.filter((status) => /^\d{3}$/.test(status));
      if (exact.length === errors.length) writer.writeLine(equalTypes(`${error}["status"]`, exact.join(" | ")));
      for (const status of errors) {
        const body = [...new Set(bodyTypes(document, operation, status).map((body) => body.type))].join(" | ");
        if (/^\d{3}$/.test(status))
          writer.writeLine(equalTypes(`Extract<${error}, { status: ${status} }>["body"]`, body));
        else writer.writeLine(`expectTypeOf<ApiError<number, ${body}>>().toExtend<${error}>();`);
      }
    },
  );
}

function errorStatuses(operation: OperationModel): string[] {
  return Object.keys(operation.responses).filter((status) => !operation.successStatuses.includes(status));
}

interface BodyType {
  /** `paths[…][…]["responses"][…]["content"][…]`: what openapi-typescript made of the media type. */
  content: string;
  /**
   * The schema's type: `components["schemas"]["X"]` for a component, `unknown` for a schema that allows any value
   * (`{}`), else the content expression itself.
   */
  type: string;
  schema: unknown;
  /** Where openapi-typescript transformed the schema: the response's own pointer (a component's when it is a `$ref`). */
  schemaPointer: string;
}

/** The body types of one documented response, as expressions over openapi-typescript's `paths` and `components`. */
function bodyTypes(document: OpenApiDocument, operation: OperationModel, status: string): BodyType[] {
  const responseKey = /^\d{3}$/.test(status) ? status : stringLiteral(status);
  const mediaTypes = operation.responses[status] ?? [];
  // A response documented without content yields `undefined`, as the runtime's OperationData and OperationError say.
  if (mediaTypes.length === 0)
    return [{ content: "undefined", type: "undefined", schema: undefined, schemaPointer: "" }];
  const statusPointer = `${operation.pointer}/responses/${escapePointerToken(status)}`;
  const { node, pointer } = deref(document, resolvePointer(document, statusPointer), statusPointer);
  const response = node as { content?: Record<string, { schema?: unknown }> } | undefined;
  const bodies = mediaTypes.map((mediaType): BodyType => {
    const content = `paths[${stringLiteral(operation.path)}][${stringLiteral(operation.method)}]["responses"][${responseKey}]["content"][${stringLiteral(mediaType)}]`;
    const schema = response?.content?.[mediaType]?.schema;
    return {
      content,
      type: isComponentRef(schema)
        ? componentType(schema.$ref)
        : schema === undefined || isUntyped(schema)
          ? "unknown"
          : content,
      schema,
      schemaPointer: `${pointer}/content/${escapePointerToken(mediaType)}/schema`,
    };
  });
  // A 204 or 205 within the range resolves with no body.
  if (spansContentFreeSuccess(status))
    bodies.push({ content: "undefined", type: "undefined", schema: undefined, schemaPointer: "" });
  return bodies;
}

/**
 * Assertions on the properties of an inline object schema at `pointer`, e.g.
 * `assertType<TypeEquals<Data["task"]["_id"], string>>(true);`.
 */
function propertyAssertions(
  document: OpenApiDocument,
  subject: string,
  schema: unknown,
  pointer: string,
  depth = 0,
): string[] {
  const object = deref(document, schema).node as
    { properties?: Record<string, unknown>; required?: unknown; nullable?: unknown; type?: unknown } | undefined;
  if (depth > 2 || typeof object !== "object" || object === null || typeof object.properties !== "object") return [];
  // A nullable object's properties cannot be indexed without narrowing first.
  if (object.nullable === true || (Array.isArray(object.type) && object.type.includes("null"))) return [];
  const required = new Set(Array.isArray(object.required) ? object.required : []);
  const lines: string[] = [];
  for (const name of Object.keys(object.properties)) {
    const property = object.properties[name];
    const access = `${subject}[${stringLiteral(name)}]`;
    const present = required.has(name) || presentByDefault(property, pointer);
    const optional = present ? "" : " | undefined";
    if (isComponentRef(property)) {
      lines.push(equalTypes(access, `${componentType(property.$ref)}${optional}`));
      continue;
    }
    const primitive = primitiveType(property);
    if (isUntyped(property)) lines.push(equalTypes(access, "unknown"));
    else if (primitive !== undefined) lines.push(equalTypes(access, `${primitive}${optional}`));
    else if (present)
      lines.push(
        ...propertyAssertions(document, access, property, `${pointer}/${escapePointerToken(name)}`, depth + 1),
      );
  }
  return lines;
}

/**
 * openapi-typescript's `defaultNonNullable` (on by default, as in types.ts): a property with a `default` is
 * required, except where the transform's path (`pointer`, the object's) names a parameter or a request body.
 */
function presentByDefault(property: unknown, pointer: string): boolean {
  return (
    typeof property === "object" &&
    property !== null &&
    "default" in property &&
    (property as { default?: unknown }).default !== undefined &&
    !/parameters|requestBody/.test(pointer)
  );
}

/**
 * Whether openapi-typescript types the schema `unknown`: no `type`, and nothing else it reads a type from (a
 * reference, an enum, a composition, properties). `{}`, and Slack's `items` without `type: array`.
 */
function isUntyped(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const constraints = schema as Record<string, unknown>;
  const nonEmpty = (keyword: string) => {
    const value = constraints[keyword];
    return Array.isArray(value)
      ? value.length > 0
      : typeof value === "object" && value !== null && Object.keys(value).length > 0;
  };
  return (
    !["$ref", "type", "enum", "const"].some((keyword) => keyword in constraints) &&
    !["allOf", "anyOf", "oneOf", "properties", "patternProperties", "$defs"].some(nonEmpty) &&
    !constraints.additionalProperties
  );
}

/** The TypeScript type openapi-typescript gives a plain scalar schema; undefined for anything else. */
function primitiveType(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const constraints = schema as Record<string, unknown>;
  if (
    ["enum", "const", "oneOf", "anyOf", "allOf", "not", "$ref", "format", "items", "properties"].some(
      (keyword) => keyword in constraints,
    )
  )
    return undefined;
  const scalar: Record<string, string> = {
    string: "string",
    number: "number",
    integer: "number",
    boolean: "boolean",
    null: "null",
  };
  const types = Array.isArray(constraints.type) ? constraints.type : [constraints.type];
  if (!types.every((type) => typeof type === "string" && type in scalar)) return undefined;
  const names = types.map((type) => scalar[type as string]!);
  if (constraints.nullable === true) names.push("null");
  return [...new Set(names)].join(" | ");
}

function isInternalRef(node: unknown): node is { $ref: string } {
  return (
    typeof (node as { $ref?: unknown } | null | undefined)?.$ref === "string" &&
    (node as { $ref: string }).$ref.startsWith("#")
  );
}

function isComponentRef(node: unknown): node is { $ref: string } {
  return isInternalRef(node) && /^#\/components\/schemas\/[^/]+$/.test(node.$ref);
}

function componentType(ref: string): string {
  const name = ref.slice("#/components/schemas/".length).replaceAll("~1", "/").replaceAll("~0", "~");
  return `components["schemas"][${stringLiteral(name)}]`;
}

/**
 * `A` and `B` are the same type, checked by identity: far cheaper for tsc than expectTypeOf's deep structural
 * comparison, which tripled the time to check GitHub's package.
 */
function equalTypes(actual: string, expected: string): string {
  return `assertType<TypeEquals<${actual}, ${expected}>>(true);`;
}

/** `head {` body `});` */
function block(writer: CodeBlockWriter, head: string, body: () => void): void {
  writer.writeLine(`${head} {`);
  writer.indent(body);
  writer.writeLine("});");
}
