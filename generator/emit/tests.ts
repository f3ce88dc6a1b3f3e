// Emits a package's tests, which prove the generated client against its own spec:
// - test/client.test.ts: each operation against a real loopback server serving the spec's example or a sample
//   (checked against the schema with ajv first): the request on the wire, the decoded data, each typed error;
// - test/prism.test.ts: the same client against Prism, an independent mock of spec/openapi.json, where every
//   limitation of Prism is a test that asserts it, never a skip;
// - test/client.test-d.ts: the data and error types are the schema types.
// The plan (what to call, serve and expect) comes from fixtures.ts; this module only writes it down.
import type { CodeBlockWriter, SourceFile } from "ts-morph";
import type { OpenApiDocument } from "../bundle.js";
import type { OperationModel, ProviderModel } from "../model.js";
import { escapePointerToken } from "../problems.js";
import { resolvePointer } from "../refs.js";
import { dataLiteral, stringLiteral } from "./docs.js";
import { planPackageTests, type OperationTestPlan, type PackageTestPlan, type ResponseCase } from "./fixtures.js";
import { createEmitProject, createEmptySourceFile } from "./project.js";

/** From the package's test/ folder to the repository's hand-written test helpers. */
const SUPPORT = "../../../test/support";
const SPEC_URL = `new URL("../spec/openapi.json", import.meta.url)`;

/** Relative path inside the package → TypeScript source (without the generated-file header, not yet formatted). */
export function emitPackageTests(model: ProviderModel, document: OpenApiDocument): Map<string, string> {
  const plan = planPackageTests(model, document);
  const project = createEmitProject();
  const files = new Map<string, string>();
  const emitters: [string, (file: SourceFile) => void][] = [
    ["test/client.test.ts", (file) => emitLoopbackTests(file, model, plan)],
    ["test/prism.test.ts", (file) => emitPrismTests(file, plan)],
    ["test/client.test-d.ts", (file) => emitTypeTests(file, model, document)],
  ];
  for (const [path, emit] of emitters) {
    const file = createEmptySourceFile(project, path);
    emit(file);
    files.set(path, file.getFullText());
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------------------
// test/client.test.ts

function emitLoopbackTests(file: SourceFile, model: ProviderModel, plan: PackageTestPlan): void {
  const clientType = `${model.pascalName}Client`;
  const hasErrors = plan.operations.some((operation) => operation.errors.length > 0);
  file.addImportDeclarations([
    { namedImports: ["afterAll", "beforeAll", "describe", "expect", "it"], moduleSpecifier: "vitest" },
    {
      namedImports: ["startLoopbackServer", { name: "LoopbackServer", isTypeOnly: true }],
      moduleSpecifier: `${SUPPORT}/loopback.js`,
    },
    { namedImports: ["readSpecSchemas"], moduleSpecifier: `${SUPPORT}/spec-schemas.js` },
    {
      namedImports: [
        plan.factory,
        ...(hasErrors ? ["isOperationError", "operationSpecs"] : []),
        { name: clientType, isTypeOnly: true },
        ...plan.operations
          .filter((operation) => operation.errors.length > 0)
          .map((operation) => ({ name: `${operation.operation.typeName}Error`, isTypeOnly: true })),
      ],
      moduleSpecifier: "../src/index.js",
    },
  ]);
  file.addStatements((writer) => {
    writer.blankLine();
    writer.writeLine(`const spec = readSpecSchemas(${SPEC_URL});`);
    writer.writeLine("let server: LoopbackServer;");
    writer.writeLine(`let client: ${clientType};`);
    writer.blankLine();
    block(writer, "beforeAll(async () =>", () => {
      writer.writeLine("server = await startLoopbackServer();");
      const baseUrl = plan.basePath === "" ? "server.url" : `server.url + ${stringLiteral(plan.basePath)}`;
      writer.writeLine(`client = ${plan.factory}({ baseUrl: ${baseUrl}, ${clientCredentials(plan)}maxRetries: 0 });`);
    });
    writer.blankLine();
    block(writer, "afterAll(async () =>", () => writer.writeLine("await server?.close();"));
    for (const operation of plan.operations) {
      writer.blankLine();
      block(
        writer,
        `describe(${stringLiteral(`${operation.operation.functionName}: ${operation.operation.method.toUpperCase()} ${operation.operation.path}`)}, () =>`,
        () => {
          operation.success.forEach((response, index) => {
            if (index > 0) writer.blankLine();
            writeLoopbackSuccess(writer, plan, operation, response);
          });
          for (const response of operation.errors) {
            writer.blankLine();
            writeLoopbackError(writer, operation, response);
          }
        },
      );
    }
  });
}

function writeLoopbackSuccess(
  writer: CodeBlockWriter,
  plan: PackageTestPlan,
  operation: OperationTestPlan,
  response: ResponseCase,
): void {
  const { method } = operation.operation;
  const what =
    response.mediaType === undefined
      ? `the ${response.status} response, which has no body`
      : `the ${response.status} ${response.mediaType} body`;
  block(
    writer,
    `it(${stringLiteral(`sends ${method.toUpperCase()} ${operation.expectedPath} with the credentials, and resolves with ${what}`)}, async () =>`,
    () => {
      writeServe(writer, response);
      writer.blankLine();
      writer.writeLine(`const data = await ${callExpression("client", operation, operation.encodedArgs)};`);
      writer.blankLine();
      writer.writeLine(`expect(server.requests).toMatchObject([${dataLiteral(expectedRequest(plan, operation))}]);`);
      for (const [name, value] of Object.entries({ ...plan.authQuery, ...operation.query })) {
        writer.writeLine(
          `expect(new URLSearchParams(server.requests[0]?.search).get(${stringLiteral(name)})).toBe(${stringLiteral(String(value))});`,
        );
      }
      if (operation.body)
        writer.writeLine(
          `expect(JSON.parse(server.requests[0]?.body ?? "")).toEqual(${dataLiteral(operation.body.value)});`,
        );
      writer.writeLine(
        response.mediaType === undefined
          ? "expect(data).toBeUndefined();"
          : response.decodedAs === "json"
            ? "expect(data).toEqual(served);"
            : "expect(data).toBe(servedText);",
      );
    },
  );
}

function writeLoopbackError(writer: CodeBlockWriter, operation: OperationTestPlan, response: ResponseCase): void {
  const { functionName, typeName } = operation.operation;
  const carries =
    response.mediaType === undefined
      ? "and no body (the spec documents none)"
      : `and the parsed ${response.mediaType} body`;
  const statusNote = String(response.servedStatus) === response.status ? "" : ` (serving ${response.servedStatus})`;
  block(
    writer,
    `it(${stringLiteral(`rejects on ${response.status}${statusNote} with the typed error, carrying the status ${carries}`)}, async () =>`,
    () => {
      writeServe(writer, response);
      writer.blankLine();
      writeRejection(
        writer,
        callExpression("client", operation, operation.encodedArgs),
        `${functionName} resolved, but the server answered ${response.servedStatus}`,
      );
      writer.writeLine(`if (!isOperationError<${typeName}Error>(error, operationSpecs.${functionName})) throw error;`);
      writer.writeLine(`expect(error.status).toBe(${response.servedStatus});`);
      writer.writeLine(
        response.mediaType === undefined
          ? "expect(error.body).toBeUndefined();"
          : response.decodedAs === "json"
            ? "expect(error.body).toEqual(served);"
            : "expect(error.body).toBe(servedText);",
      );
    },
  );
}

/** Declares the fixture, checks it against the schema, and tells the server to serve it. */
function writeServe(writer: CodeBlockWriter, response: ResponseCase): void {
  if (response.mediaType === undefined) {
    writer.writeLine(`server.serve({ status: ${response.servedStatus} });`);
    return;
  }
  const fixture = response.fixture?.value ?? "";
  for (const line of fixtureComment(response)) writer.writeLine(`// ${line}`);
  writer.writeLine(`const served = ${dataLiteral(fixture)};`);
  if (response.schemaPointer !== undefined)
    writer.writeLine(`expect(spec.violations(${stringLiteral(response.schemaPointer)}, served)).toEqual([]);`);
  let body = "JSON.stringify(served)";
  if (response.decodedAs === "text") {
    writer.writeLine(`const servedText = ${typeof fixture === "string" ? "served" : "JSON.stringify(served)"};`);
    body = "servedText";
  }
  writer.writeLine(
    `server.serve({ status: ${response.servedStatus}, headers: { "content-type": ${stringLiteral(response.contentType!)} }, body: ${body} });`,
  );
}

function fixtureComment(response: ResponseCase): string[] {
  const lines = [
    response.fixture?.source === "example"
      ? "The spec's own example for this media type."
      : response.schemaPointer === undefined
        ? "The spec gives no schema for this media type: an empty body, with nothing to validate it against."
        : "Synthesized from the schema by openapi-sampler when the package was generated.",
  ];
  if (response.mediaType !== response.contentType)
    lines.push(`Served as ${response.contentType}, a concrete type within the documented ${response.mediaType}.`);
  if (response.ambiguousNulls.length > 0) {
    const fields = response.ambiguousNulls.map((ambiguous) => ambiguous.at || "(the body)").join(", ");
    lines.push(
      `At ${fields} the schema offers \`oneOf: [null, …]\` beside a branch that also accepts null:`,
      "null there matches both branches, and strict validation rejects it (a flaw of the upstream spec).",
      "The fixture holds non-null values in those fields; the validation below stays strict.",
    );
  }
  return lines;
}

function expectedRequest(plan: PackageTestPlan, operation: OperationTestPlan): Record<string, unknown> {
  const hasQuery = Object.keys(plan.authQuery).length > 0 || Object.keys(operation.query).length > 0;
  return {
    method: operation.operation.method.toUpperCase(),
    path: operation.expectedPath,
    ...(hasQuery ? {} : { search: "" }),
    headers: {
      ...plan.authHeaders,
      ...Object.fromEntries(Object.entries(operation.headers).map(([name, value]) => [name.toLowerCase(), value])),
      // The client asks for the success media types it decodes; without any, fetch's default arrives.
      accept: operation.operation.accept ?? "*/*",
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// test/prism.test.ts

function emitPrismTests(file: SourceFile, plan: PackageTestPlan): void {
  const cases = plan.operations.flatMap((operation) => [...operation.success, ...operation.errors]);
  const asksPrism = cases.some((response) => response.prism.kind !== "not-asked");
  const typedErrors = plan.operations.filter((operation) =>
    operation.errors.some((response) => response.prism.kind === "serves"),
  );
  file.addImportDeclarations([
    {
      namedImports: [
        ...(asksPrism ? ["afterAll", "beforeAll"] : []),
        "describe",
        ...(asksPrism ? ["expect"] : []),
        "it",
      ],
      moduleSpecifier: "vitest",
    },
    ...(asksPrism
      ? [
          {
            namedImports: ["startPrism", "withRequestHeaders", { name: "PrismServer", isTypeOnly: true }],
            moduleSpecifier: `${SUPPORT}/prism.js`,
          },
          ...(cases.some((response) => response.prism.kind === "serves" && response.schemaPointer !== undefined)
            ? [{ namedImports: ["readSpecSchemas"], moduleSpecifier: `${SUPPORT}/spec-schemas.js` }]
            : []),
          {
            namedImports: [
              plan.factory,
              ...(typedErrors.length > 0 ? ["isOperationError", "operationSpecs"] : []),
              ...typedErrors.map((operation) => ({ name: `${operation.operation.typeName}Error`, isTypeOnly: true })),
            ],
            moduleSpecifier: "../src/index.js",
          },
        ]
      : []),
  ]);
  file.addStatements((writer) => {
    if (asksPrism) {
      writer.blankLine();
      writer.writeLine(`const specFile = ${SPEC_URL};`);
      if (file.getImportDeclaration(`${SUPPORT}/spec-schemas.js`))
        writer.writeLine("const spec = readSpecSchemas(specFile);");
      writer.writeLine("let prism: PrismServer;");
      writer.blankLine();
      block(writer, "beforeAll(async () =>", () => writer.writeLine("prism = await startPrism(specFile);"));
      writer.blankLine();
      block(writer, "afterAll(async () =>", () => writer.writeLine("await prism?.stop();"));
      writer.blankLine();
      writer.writeLine(
        "/** The client, its requests asking Prism for one documented status (`Prefer: code=…`) and, when given, one media type. */",
      );
      block(
        writer,
        "function clientAskingFor(status: number, accept?: string)",
        () => {
          writer.writeLine(
            "const headers: Record<string, string> = accept === undefined ? { Prefer: `code=${status}` } : { Prefer: `code=${status}`, Accept: accept };",
          );
          writer.writeLine(
            `return ${plan.factory}({ baseUrl: prism.url, ${clientCredentials(plan)}maxRetries: 0, fetch: withRequestHeaders(headers) });`,
          );
        },
        "}",
      );
    }
    for (const operation of plan.operations) {
      writer.blankLine();
      const { functionName, method, path } = operation.operation;
      block(
        writer,
        `describe(${stringLiteral(`${functionName} against Prism, an independent mock of ${method.toUpperCase()} ${path}`)}, () =>`,
        () => {
          [...operation.success, ...operation.errors].forEach((response, index) => {
            if (index > 0) writer.blankLine();
            writePrismCase(writer, operation, response);
          });
        },
      );
    }
  });
}

function writePrismCase(writer: CodeBlockWriter, operation: OperationTestPlan, response: ResponseCase): void {
  const { functionName, typeName } = operation.operation;
  const label = response.mediaType === undefined ? response.status : `${response.status} ${response.mediaType}`;
  const prism = response.prism;
  const success = operation.success.includes(response);
  const call = (accept: string | undefined) =>
    callExpression(
      `clientAskingFor(${response.servedStatus}${accept === undefined ? "" : `, ${stringLiteral(accept)}`})`,
      operation,
      operation.validArgs,
    );
  switch (prism.kind) {
    case "not-asked":
      writer.writeLine(
        `it.todo(${stringLiteral(`${label}: not asked of Prism (${prism.reason}); covered by the loopback test in client.test.ts`)});`,
      );
      return;
    case "cannot-serialise-as-text": {
      const title =
        response.mediaType === "*/*"
          ? `${label}: Prism cannot mock */* responses (it serializes them as text, and refuses an object): covered by the loopback test in client.test.ts`
          : `${label}: Prism cannot serialize an object as ${response.mediaType} and answers 500: covered by the loopback test in client.test.ts`;
      block(writer, `it(${stringLiteral(title)}, async () =>`, () => {
        writeRejection(
          writer,
          call(prism.accept),
          `${functionName} resolved, but Prism cannot serve ${response.mediaType}`,
        );
        writer.writeLine(
          `expect(error).toMatchObject({ status: 500, excerpt: expect.stringContaining("Cannot serialise complex objects as text") });`,
        );
      });
      return;
    }
    case "serves": {
      const violations = prism.expectedViolations;
      const subject = success ? "data" : "error.body";
      let title: string;
      if (response.mediaType === undefined)
        title = success
          ? `${label}: resolves with no body`
          : `${label}: the typed error carries the status and no body`;
      else if (violations.length > 0) {
        title = `${label}: Prism's own answer breaks the spec at ${violations.join(", ")} (null, which matches both branches of oneOf: [null, …]), and validation says so; the loopback test in client.test.ts covers these fields`;
      } else
        title = success
          ? `${label}: the typed data validates against the schema`
          : `${label}: the typed error carries the status and a body that validates against the schema`;
      block(writer, `it(${stringLiteral(title)}, async () =>`, () => {
        if (success) writer.writeLine(`const data = await ${call(prism.accept)};`);
        else {
          writeRejection(
            writer,
            call(prism.accept),
            `${functionName} resolved, but Prism was asked for ${response.servedStatus}`,
          );
          writer.writeLine(
            `if (!isOperationError<${typeName}Error>(error, operationSpecs.${functionName})) throw error;`,
          );
          writer.writeLine(`expect(error.status).toBe(${response.servedStatus});`);
        }
        if (response.mediaType === undefined) writer.writeLine(`expect(${subject}).toBeUndefined();`);
        else if (response.schemaPointer === undefined) writer.writeLine(`expect(${subject}).toBeDefined();`);
        else if (violations.length === 0)
          writer.writeLine(
            `expect(spec.violations(${stringLiteral(response.schemaPointer)}, ${subject})).toEqual([]);`,
          );
        else
          writer.writeLine(
            `expect(spec.violations(${stringLiteral(response.schemaPointer)}, ${subject})).toMatchObject(${dataLiteral(violations.map((at) => ({ at, keyword: "oneOf" })))});`,
          );
      });
      return;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// test/client.test-d.ts

function emitTypeTests(file: SourceFile, model: ProviderModel, document: OpenApiDocument): void {
  const clientType = `${model.pascalName}Client`;
  const usesApiError = model.operations.some((operation) =>
    errorStatuses(operation).some((status) => !/^\d{3}$/.test(status)),
  );
  file.addStatements((writer) => {
    for (const operation of model.operations) {
      writer.blankLine();
      block(writer, `describe(${stringLiteral(`${operation.functionName} types`)}, () =>`, () =>
        writeOperationTypeTests(writer, clientType, operation, document),
      );
    }
  });
  const body = file.getFullText();
  // Imported after the tests are written, so that a spec without components imports no unused `components`.
  file.insertImportDeclarations(0, [
    { namedImports: ["describe", "expectTypeOf", "it"], moduleSpecifier: "vitest" },
    {
      isTypeOnly: true,
      namedImports: [
        ...(usesApiError ? ["ApiError"] : []),
        ...(body.includes("components[") ? ["components"] : []),
        clientType,
        ...model.operations.flatMap((operation) =>
          ["Data", "Error", "Options"].map((suffix) => `${operation.typeName}${suffix}`),
        ),
        ...(body.includes("paths[") ? ["paths"] : []),
      ],
      moduleSpecifier: "../src/index.js",
    },
  ]);
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
    `it("takes the path parameters in template order, then the options, and resolves with the data", () =>`,
    () => {
      const parameters = [
        ...operation.pathParams.map((param) => `${param.argName}: string | number`),
        `options?: ${typeName}Options`,
      ];
      writer.writeLine(`expectTypeOf<${method}>().parameters.toEqualTypeOf<[${parameters.join(", ")}]>();`);
      writer.writeLine(`expectTypeOf<${method}>().returns.toEqualTypeOf<Promise<${typeName}Data>>();`);
    },
  );
  writer.blankLine();
  block(writer, `it("resolves with the schema type of every documented success media type", () =>`, () => {
    const data = `${typeName}Data`;
    const bodies = operation.successStatuses.flatMap((status) => bodyTypes(document, operation, status));
    for (const body of bodies) {
      if (body.content !== body.type)
        writer.writeLine(`expectTypeOf<${body.content}>().toEqualTypeOf<${body.type}>();`);
    }
    const distinct = [...new Set(bodies.map((body) => body.type))];
    if (distinct.length === 0) {
      writer.writeLine(`expectTypeOf<${data}>().toBeNever();`);
      return;
    }
    writer.writeLine(`expectTypeOf<${data}>().toEqualTypeOf<${distinct.join(" | ")}>();`);
    if (distinct.length === 1 && distinct[0] !== "unknown" && distinct[0] !== "undefined") {
      writer.writeLine(`expectTypeOf<${data}>().not.toBeUnknown();`);
      writer.writeLine(`expectTypeOf<${data}>().not.toBeAny();`);
      writer.writeLine(`expectTypeOf<${data}>().not.toBeNever();`);
      const schema = bodies[0]!.schema;
      // Inline schemas are spelt out property by property, so the check does not only compare the type with itself.
      if (schema !== undefined && !isComponentRef(schema))
        for (const line of propertyAssertions(document, data, schema)) writer.writeLine(line);
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
        writer.writeLine(`expectTypeOf<${error}>().toBeNever();`);
        return;
      }
      const exact = errors.filter((status) => /^\d{3}$/.test(status));
      if (exact.length === errors.length)
        writer.writeLine(`expectTypeOf<${error}["status"]>().toEqualTypeOf<${exact.join(" | ")}>();`);
      for (const status of errors) {
        const body = [...new Set(bodyTypes(document, operation, status).map((body) => body.type))].join(" | ");
        if (/^\d{3}$/.test(status))
          writer.writeLine(
            `expectTypeOf<Extract<${error}, { status: ${status} }>["body"]>().toEqualTypeOf<${body}>();`,
          );
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
  /** The schema's type: `components["schemas"]["X"]` for a component, else the content expression itself. */
  type: string;
  schema: unknown;
}

/** The body types of one documented response, as expressions over openapi-typescript's `paths` and `components`. */
function bodyTypes(document: OpenApiDocument, operation: OperationModel, status: string): BodyType[] {
  const responseKey = /^\d{3}$/.test(status) ? status : stringLiteral(status);
  const mediaTypes = operation.responses[status] ?? [];
  // A response documented without content yields `undefined`, as the runtime's OperationData and OperationError say.
  if (mediaTypes.length === 0) return [{ content: "undefined", type: "undefined", schema: undefined }];
  const response = derefSchema(
    document,
    resolvePointer(document, `${operation.pointer}/responses/${escapePointerToken(status)}`),
  ) as { content?: Record<string, { schema?: unknown }> } | undefined;
  return mediaTypes.map((mediaType) => {
    const content = `paths[${stringLiteral(operation.path)}][${stringLiteral(operation.method)}]["responses"][${responseKey}]["content"][${stringLiteral(mediaType)}]`;
    const schema = response?.content?.[mediaType]?.schema;
    return {
      content,
      type: isComponentRef(schema) ? componentType(schema.$ref) : schema === undefined ? "unknown" : content,
      schema,
    };
  });
}

/** Assertions on the properties of an inline object schema, e.g. `expectTypeOf<Data["task"]["_id"]>().toEqualTypeOf<string>();`. */
function propertyAssertions(document: OpenApiDocument, subject: string, schema: unknown, depth = 0): string[] {
  const object = derefSchema(document, schema) as
    { properties?: Record<string, unknown>; required?: unknown } | undefined;
  if (depth > 2 || typeof object !== "object" || object === null || typeof object.properties !== "object") return [];
  const required = new Set(Array.isArray(object.required) ? object.required : []);
  const lines: string[] = [];
  for (const name of Object.keys(object.properties)) {
    const property = object.properties[name];
    const access = `${subject}[${stringLiteral(name)}]`;
    const optional = required.has(name) ? "" : " | undefined";
    if (isComponentRef(property)) {
      lines.push(`expectTypeOf<${access}>().toEqualTypeOf<${componentType(property.$ref)}${optional}>();`);
      continue;
    }
    const primitive = primitiveType(property);
    if (primitive === "unknown") lines.push(`expectTypeOf<${access}>().toBeUnknown();`);
    else if (primitive !== undefined) lines.push(`expectTypeOf<${access}>().toEqualTypeOf<${primitive}${optional}>();`);
    else if (required.has(name)) lines.push(...propertyAssertions(document, access, property, depth + 1));
  }
  return lines;
}

function derefSchema(document: OpenApiDocument, node: unknown): unknown {
  for (let depth = 0; depth < 32 && isInternalRef(node); depth++) node = resolvePointer(document, node.$ref);
  return node;
}

/** The TypeScript type openapi-typescript gives a plain scalar schema, or `unknown` for `{}`; undefined for anything else. */
function primitiveType(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const constraints = schema as Record<string, unknown>;
  if (
    Object.keys(constraints).every((keyword) =>
      ["description", "title", "example", "examples", "deprecated", "readOnly", "writeOnly"].includes(keyword),
    )
  )
    return "unknown";
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

// ---------------------------------------------------------------------------------------------------------------
// Shared

/** `client.getTask("task_id 1/2", { query: … })` */
function callExpression(client: string, operation: OperationTestPlan, pathArgs: readonly unknown[]): string {
  const options: string[] = [];
  if (Object.keys(operation.query).length > 0) options.push(`query: ${dataLiteral(operation.query)}`);
  if (Object.keys(operation.headers).length > 0) options.push(`headers: ${dataLiteral(operation.headers)}`);
  if (operation.body) options.push(`body: ${dataLiteral(operation.body.value)}`);
  const args = [
    ...pathArgs.map((arg) => dataLiteral(arg)),
    ...(options.length > 0 ? [`{ ${options.join(", ")} }`] : []),
  ];
  return `${client}.${operation.operation.functionName}(${args.join(", ")})`;
}

function clientCredentials(plan: PackageTestPlan): string {
  return Object.entries(plan.credentials)
    .map(([option, value]) => `${option}: ${stringLiteral(value)}, `)
    .join("");
}

/** `const error = …` the rejection of `call`; the test fails if the call resolves. */
function writeRejection(writer: CodeBlockWriter, call: string, unexpected: string): void {
  writer.writeLine(`const error: unknown = await ${call}.then(`);
  writer.indent(() => {
    writer.writeLine(`() => expect.unreachable(${stringLiteral(unexpected)}),`);
    writer.writeLine("(rejection: unknown) => rejection,");
  });
  writer.writeLine(");");
}

/** `head {` body `});` (or `}` for a declaration). */
function block(writer: CodeBlockWriter, head: string, body: () => void, close = "});"): void {
  writer.writeLine(`${head} {`);
  writer.indent(body);
  writer.writeLine(close);
}
