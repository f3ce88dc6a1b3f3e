// Emits src/client.ts: `create<Provider>Client(options)` on openapi-fetch, with one typed function
// per operation that returns the typed data or throws the typed error (runtime in @unitask/core).
import { StructureKind, type OptionalKind, type PropertySignatureStructure } from "ts-morph";
import type { AuthOption, OperationModel, ProviderModel } from "../model.js";
import { spansContentFreeSuccess } from "../spec/index.js";
import { dataLiteral, jsDocText, operationDocs, stringLiteral } from "./docs.js";
import { exportedConstant, type Statement } from "./project.js";

/** What client.ts exports, for the package index to re-export by name. */
export interface ClientExports {
  values: string[];
  types: string[];
}

export function emitClient(model: ProviderModel): Statement[] {
  const clientName = `${model.pascalName}Client`;
  const statements: Statement[] = [];
  statements.push(
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ["Client"],
      moduleSpecifier: "openapi-fetch",
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: [
        ...(model.operations.some((operation) => errorStatuses(operation).length > 0) ? ["ApiError"] : []),
        "ClientRuntimeOptions",
        "OperationCallOptions",
      ],
      moduleSpecifier: model.runtimePackage,
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [
        "callOperation",
        "createHttpClient",
        ...["Credential", "OperationSpec"].map((name) => ({ name, isTypeOnly: true })),
      ],
      moduleSpecifier: `${model.runtimePackage}/internal`,
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ["paths"],
      moduleSpecifier: "./schema.js",
    },
  );

  statements.push(
    exportedConstant(
      "The servers the spec lists, the first being the default base URL.",
      "servers",
      `${dataLiteral(model.servers.map((server) => server.url))} as const`,
    ),
    exportedConstant(
      "What the runtime needs to know of each operation: where it lives and which media types each response may carry.",
      "operationSpecs",
      `${dataLiteral(Object.fromEntries(model.operations.map((operation) => [operation.functionName, toOperationSpec(operation)])))} as const satisfies Record<string, OperationSpec>`,
    ),
  );

  // Data and Error are spelled out from the model, one indexed access per documented response, rather
  // than core's OperationData/OperationError, whose mapped and conditional types tsc re-evaluates for
  // every operation of every program that compiles the client.
  for (const operation of model.operations) {
    statements.push(
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: `${operation.typeName}Data`,
        type: unionOf(operation.successStatuses.flatMap((status) => responseBodyTypes(operation, status))),
        docs: [`What \`${operation.functionName}\` resolves with: the documented success response body.`],
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: `${operation.typeName}Error`,
        type: unionOf(
          errorStatuses(operation).map(
            (status) =>
              `ApiError<${/^\d+$/.test(status) ? status : "number"}, ${unionOf(responseBodyTypes(operation, status))}>`,
          ),
        ),
        docs: [
          `What \`${operation.functionName}\` rejects with for a documented error status, discriminated by \`status\`.`,
        ],
      },
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: `${operation.typeName}Options`,
        type: `OperationCallOptions<${operationType(operation)}>`,
        docs: [
          `What \`${operation.functionName}\` takes besides its path parameters: per-call settings, and the query, headers and body the spec documents.`,
        ],
      },
    );
  }

  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: `${clientName}Options`,
    extends: ["ClientRuntimeOptions"],
    docs: [`Options for {@link create${clientName}}.`],
    properties: [
      ...model.auth.flatMap((auth) => authProperties(auth, model.authRequired && model.auth.length === 1)),
      {
        name: "baseUrl",
        hasQuestionToken: model.servers.length > 0,
        type: "string",
        docs: [
          model.servers.length > 0
            ? `Defaults to \`${jsDocText(model.servers[0]!.url)}\`.`
            : "The spec names no absolute server, so the base URL is required.",
        ],
      },
    ],
  });

  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: clientName,
    docs: [
      jsDocText(
        `A typed client for the ${model.displayName} API (spec: ${model.api.title}${model.api.version ? ` ${model.api.version}` : ""}).`,
      ),
    ],
    properties: [
      {
        name: "raw",
        isReadonly: true,
        type: "Client<paths>",
        docs: ["The underlying openapi-fetch client, for callers who prefer its non-throwing `{ data, error }`."],
      },
    ],
    methods: model.operations.map((operation) => ({
      name: operation.functionName,
      docs: withParamDocs(operation),
      parameters: [
        ...operation.pathParams.map((param) => ({ name: param.argName, type: "string | number" })),
        { name: "options", hasQuestionToken: !requiresInput(operation), type: `${operation.typeName}Options` },
      ],
      returnType: `Promise<${operation.typeName}Data>`,
    })),
  });

  statements.push({
    kind: StructureKind.Function,
    isExported: true,
    name: `create${clientName}`,
    docs: [
      {
        description: jsDocText(
          `Creates a client for the ${model.displayName} API: one method per operation, each resolving with the typed response body or throwing an \`ApiError\` subclass for its HTTP status. Requests carry the credentials given here and are retried and timed out as \`options\` say.`,
        ),
        tags: [
          {
            tagName: "param",
            text: "options - Credentials, base URL and the runtime's retry, timeout and fetch settings.",
          },
        ],
      },
    ],
    parameters: [{ name: "options", type: `${clientName}Options` }],
    returnType: clientName,
    statements: (writer) => {
      writer.writeLine(`const credentials: Credential[] = [];`);
      for (const auth of model.auth) writer.writeLine(credentialStatement(auth));
      const baseUrl = model.servers.length > 0 ? "options.baseUrl ?? servers[0]" : "options.baseUrl";
      writer.writeLine(
        `const raw = createHttpClient<paths>({ provider: ${stringLiteral(model.name)}, baseUrl: ${baseUrl}, credentials, runtime: options });`,
      );
      writer.write("return").block(() => {
        writer.writeLine("raw,");
        for (const operation of model.operations) {
          const args = [...operation.pathParams.map((param) => param.argName), "callOptions"];
          const path = operation.pathParams
            .map((param) =>
              param.name === param.argName ? param.name : `${stringLiteral(param.name)}: ${param.argName}`,
            )
            .join(", ");
          writer.writeLine(
            `${operation.functionName}: (${args.join(", ")}) => callOperation<${operation.typeName}Data>(raw, operationSpecs.${operation.functionName}, { path: { ${path} } }, callOptions),`,
          );
        }
      });
    },
  });
  return statements;
}

/** The names client.ts exports. */
export function clientExports(model: ProviderModel): ClientExports {
  const clientName = `${model.pascalName}Client`;
  return {
    values: ["servers", "operationSpecs", `create${clientName}`],
    types: [
      `${clientName}Options`,
      clientName,
      ...model.operations.flatMap((operation) =>
        ["Data", "Error", "Options"].map((suffix) => `${operation.typeName}${suffix}`),
      ),
    ],
  };
}

/** Whether a call must pass options: the operation requires a body, a query or a header parameter. */
export function requiresInput(operation: OperationModel): boolean {
  return operation.query === "required" || operation.headers === "required" || operation.body === "required";
}

function errorStatuses(operation: OperationModel): string[] {
  return Object.keys(operation.responses).filter((status) => !operation.successStatuses.includes(status));
}

/** The type of each documented body of one response, `undefined` for a response documented without content. */
function responseBodyTypes(operation: OperationModel, status: string): string[] {
  const mediaTypes = operation.responses[status] ?? [];
  if (mediaTypes.length === 0) return ["undefined"];
  const response = `${operationType(operation)}["responses"][${stringLiteral(status)}]`;
  const bodies = mediaTypes.map((mediaType) => `${response}["content"][${stringLiteral(mediaType)}]`);
  return spansContentFreeSuccess(status) ? [...bodies, "undefined"] : bodies;
}

function unionOf(types: readonly string[]): string {
  return types.length === 0 ? "never" : [...new Set(types)].join(" | ");
}

function operationType(operation: OperationModel): string {
  return `paths[${stringLiteral(operation.path)}][${stringLiteral(operation.method)}]`;
}

function toOperationSpec(operation: OperationModel) {
  return {
    operationId: operation.operationId ?? operation.functionName,
    method: operation.method,
    path: operation.requestPath,
    ...(operation.keyQuery ? { query: operation.keyQuery } : {}),
    responses: operation.responses,
    ...(operation.accept ? { accept: operation.accept } : {}),
  };
}

function withParamDocs(operation: OperationModel): string[] {
  const request = `\`${operation.method.toUpperCase()} ${jsDocText(operation.path)}\``;
  const described = operationDocs(operation);
  const params = operation.pathParams.map(
    (param) =>
      `@param ${param.argName} ${param.description ? jsDocText(param.description).replace(/\n+/g, " ") : `The \`${jsDocText(param.name)}\` path parameter.`}`,
  );
  return [[described ? `${described}\n\n${request}` : request, ...params].join("\n")];
}

function authProperties(auth: AuthOption, required: boolean): OptionalKind<PropertySignatureStructure>[] {
  const note = auth.description ? ` ${jsDocText(auth.description)}` : "";
  switch (auth.kind) {
    case "apiKey":
      return [
        {
          kind: StructureKind.PropertySignature,
          name: auth.option,
          type: "string",
          hasQuestionToken: !required,
          docs: [
            `Sent as the \`${jsDocText(auth.name)}\` ${auth.in === "header" ? "header" : auth.in === "query" ? "query parameter" : "cookie"}.${note}`,
          ],
        },
      ];
    case "bearer":
      return [
        {
          kind: StructureKind.PropertySignature,
          name: "token",
          type: "string",
          hasQuestionToken: !required,
          docs: [`Sent as \`Authorization: Bearer <token>\`.${note}`],
        },
      ];
    case "basic":
      return [
        {
          kind: StructureKind.PropertySignature,
          name: "username",
          type: "string",
          hasQuestionToken: true,
          docs: [`HTTP basic authentication user.${note}`],
        },
        {
          kind: StructureKind.PropertySignature,
          name: "password",
          type: "string",
          hasQuestionToken: true,
          docs: ["HTTP basic authentication password."],
        },
      ];
  }
}

function credentialStatement(auth: AuthOption): string {
  switch (auth.kind) {
    case "apiKey":
      return `if (options.${auth.option} !== undefined) credentials.push({ kind: "apiKey", in: ${stringLiteral(auth.in)}, name: ${stringLiteral(auth.name)}, value: options.${auth.option} });`;
    case "bearer":
      return `if (options.token !== undefined) credentials.push({ kind: "bearer", value: options.token });`;
    case "basic":
      return `if (options.username !== undefined) credentials.push({ kind: "basic", username: options.username, password: options.password ?? "" });`;
  }
}
