// Emits generated/<provider>/src/adapter.ts from a checked normalization mapping: `toUnifiedTask`, typed on
// the provider's generated response type so the compiler catches drift too, and `create<Pascal>TaskClient`.
// Built from ts-morph structures; spec and mapping text is escaped for the place it lands.

import { StructureKind, VariableDeclarationKind, type CodeBlockWriter, type StatementStructures } from "ts-morph";
import { GenerateError } from "../problems.js";
import { escapePointerToken, isRecord, mergeParameters, parsePointer, resolvePointer } from "../spec/index.js";
import { hasPath, pathsOf, type NormalizationMapping, type PathSource } from "../normalization/mapping.js";

export interface EmitAdapterInput {
  provider: string;
  /** e.g. "Quant": names `QuantClientOptions`, `createQuantClient`, `createQuantTaskClient`. */
  pascalName: string;
  /** The mapping's path as headers and messages name it: `specs/quant/normalization.yaml`. */
  mappingFile: string;
  /** The npm name of the shared runtime the adapter imports. */
  runtimePackage: string;
  mapping: NormalizationMapping;
  document: unknown;
  operation: {
    /** The client method, e.g. "getTask". */
    functionName: string;
    /** The response type exported from ./client.js, e.g. "GetTaskData". */
    dataTypeName: string;
    /** Path parameters in positional order, by their names in the spec (which the mapping uses too). */
    pathParams: readonly string[];
  };
}

export function emitAdapter(input: EmitAdapterInput): StatementStructures[] {
  const { provider, pascalName, mapping, mappingFile, operation } = input;
  const data = operation.dataTypeName;
  const literal = (value: string) => JSON.stringify(value);
  const options = optionParameters(input);
  const statusTableName = "statusTable";
  const usesLastElement = [
    mapping.id,
    mapping.title,
    mapping.status,
    mapping.progress,
    mapping.createdAt,
    mapping.updatedAt,
    mapping.startedAt,
    mapping.completedAt,
    mapping.result,
    mapping.error,
  ].some((source) => hasPath<PathSource>(source) && pathsOf(source).some((path) => path.includes("@last")));

  const coreValues = ["requireTaskId", "requireTaskObject", "toTaskStatus"];
  if (usesLastElement) coreValues.push("lastElement");
  if (hasPath(mapping.title)) coreValues.push("toTitle");
  if (hasPath(mapping.progress)) coreValues.push("toProgress");
  if ([mapping.createdAt, mapping.updatedAt, mapping.startedAt, mapping.completedAt].some((source) => hasPath(source)))
    coreValues.push("toIsoTimestamp");
  if (hasPath(mapping.result)) coreValues.push("toResult");
  if (hasPath(mapping.error)) coreValues.push("toTaskError");

  const statements: StatementStructures[] = [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: input.runtimePackage,
      namedImports: ["TaskClient", "UnifiedTask"],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `${input.runtimePackage}/internal`,
      namedImports: [...coreValues.sort().map((name) => ({ name })), { name: "StatusTable", isTypeOnly: true }],
    },
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./client.js",
      namedImports: [
        { name: `create${pascalName}Client` },
        { name: data, isTypeOnly: true },
        { name: `${pascalName}ClientOptions`, isTypeOnly: true },
      ],
    },
  ];

  statements.push({
    kind: StructureKind.VariableStatement,
    docs: [
      `${pascalName}'s status values → the unified vocabulary (${mappingFile}#/status/values). Any other value maps to \`unknown\`.`,
    ],
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      { name: statusTableName, type: "StatusTable", initializer: (writer) => writeStatusTable(writer, mapping) },
    ],
  });

  const taskPointer = mapping.task;
  const taskAccess = accessExpression("body", parsePointer(taskPointer));
  const read = (path: string) => readExpression(path, taskPointer);
  const readFirst = (source: PathSource) => pathsOf(source).map(read).join(" ?? ");

  statements.push({
    kind: StructureKind.Function,
    docs: [
      `Converts ${pascalName}'s ${mapping.operation.method.toUpperCase()} ${toCommentText(mapping.operation.path)} response into the unified task, as ${mappingFile} declares.\n` +
        "Values outside the spec become null or `unknown` (the raw value is kept); `raw` is the response, untouched.\n" +
        "@throws TaskPayloadError when the response has no task object or no task id.",
    ],
    isExported: true,
    name: "toUnifiedTask",
    parameters: [{ name: "body", type: data }],
    returnType: `UnifiedTask<${data}>`,
    statements: (writer) => {
      writer.writeLine(`const task = requireTaskObject(${literal(provider)}, ${taskAccess}, ${literal(taskPointer)});`);
      writer.writeLine(`const status = toTaskStatus(${readFirst(mapping.status)}, ${statusTableName});`);
      writer.write("return ").inlineBlock(() => {
        writer.writeLine(`provider: ${literal(provider)},`);
        writer.writeLine(`kind: ${literal(mapping.kind)},`);
        writer.writeLine(
          `id: requireTaskId(${literal(provider)}, ${readFirst(mapping.id)}, ${literal(pathsOf(mapping.id)[0] ?? "")}),`,
        );
        writeField(writer, "title", mapping.title, (source) => `toTitle(${readFirst(source)})`);
        writer.writeLine("status: status.status,");
        writer.writeLine("terminal: status.terminal,");
        writer.writeLine("providerStatus: status.providerStatus,");
        writeField(
          writer,
          "progress",
          mapping.progress,
          (source) => `toProgress(${readFirst(source)}, ${literal(source.scale)})`,
        );
        for (const field of ["createdAt", "updatedAt", "startedAt", "completedAt"] as const) {
          writeField(
            writer,
            field,
            mapping[field],
            (source) => `toIsoTimestamp(${readFirst(source)}, ${literal(source.format)})`,
          );
        }
        writeField(writer, "result", mapping.result, (source) => `toResult(${readFirst(source)})`);
        writeField(writer, "error", mapping.error, (source) => `toTaskError(${readFirst(source)})`);
        writer.writeLine("raw: body,");
      });
      writer.write(";");
    },
  });

  const optionsName = `${pascalName}TaskClientOptions`;
  statements.push({
    kind: StructureKind.Interface,
    docs: [
      `Options of \`create${pascalName}TaskClient\`: the client's options, plus what fetching a task needs besides its id.`,
    ],
    isExported: true,
    name: optionsName,
    extends: [`${pascalName}ClientOptions`],
    properties: options.map(({ option, description }) => ({
      name: option,
      type: "string",
      docs: description === undefined ? [] : [toCommentText(description)],
    })),
  });

  const argumentsInOrder = operation.pathParams.map((name) => {
    const source =
      options.find((candidate) => candidate.parameter === name) ??
      (name === idParameter(input) ? undefined : missingParameter(input, name));
    return source === undefined ? "id" : `options.${source.option}`;
  });
  statements.push({
    kind: StructureKind.Function,
    docs: [
      `A TaskClient for ${pascalName}: \`getTask(id)\` fetches the task and returns it unified. Poll it with \`waitForTask\`.`,
    ],
    isExported: true,
    name: `create${pascalName}TaskClient`,
    parameters: [{ name: "options", type: optionsName }],
    returnType: `TaskClient<${data}>`,
    statements: (writer) => {
      writer.writeLine(`const client = create${pascalName}Client(options);`);
      writer.write("return ").inlineBlock(() => {
        writer.writeLine(`provider: ${literal(provider)},`);
        writer.writeLine(
          `getTask: async (id, getTaskOptions) => toUnifiedTask(await client.${operation.functionName}(${[...argumentsInOrder, "getTaskOptions"].join(", ")})),`,
        );
      });
      writer.write(";");
    },
  });
  return statements;
}

function writeStatusTable(writer: CodeBlockWriter, mapping: NormalizationMapping): void {
  writer.inlineBlock(() => {
    for (const [value, { status, reason }] of Object.entries(mapping.status.values)) {
      writer.writeLine(`// ${toCommentText(reason)}`);
      writer.writeLine(`${JSON.stringify(value)}: ${JSON.stringify(status)},`);
    }
  });
}

function writeField<S extends PathSource>(
  writer: CodeBlockWriter,
  field: string,
  source: S | { none: string },
  convert: (source: S) => string,
): void {
  if (hasPath<S>(source)) writer.writeLine(`${field}: ${convert(source)},`);
  else writer.writeLine(`${field}: null, // ${toCommentText(source.none)}`);
}

/**
 * A typed read of a mapping path: from `task` when the path lies under the task object, else from `body`.
 * Every step after the first known object is optional-chained; `@last` goes through `lastElement`.
 */
function readExpression(path: string, taskPointer: string): string {
  const tokens = parsePointer(path);
  const taskTokens = parsePointer(taskPointer);
  const underTask = taskTokens.every((token, index) => tokens[index] === token);
  return underTask
    ? accessExpression("task", tokens.slice(taskTokens.length), false)
    : accessExpression("body", tokens);
}

function accessExpression(root: string, tokens: readonly string[], rootMayBeMissing = true): string {
  let expression = root;
  tokens.forEach((token, index) => {
    const optional = index > 0 || rootMayBeMissing ? "?." : ".";
    if (token === "@last") expression = `lastElement(${expression})`;
    else if (/^\d+$/.test(token)) expression = `${expression}?.[${token}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(token)) expression = `${expression}${optional}${token}`;
    else expression = `${expression}?.[${JSON.stringify(token)}]`;
  });
  return expression;
}

/** Text from a spec or mapping made safe inside a `//` or `/** *\/` comment: one line, no comment terminator. */
export function toCommentText(text: string): string {
  return text.replace(/\s+/g, " ").trim().replaceAll("*/", "*\\/");
}

interface OptionParameter {
  option: string;
  /** The path parameter's name in the spec. */
  parameter: string;
  description: string | undefined;
}

function optionParameters({ mapping, document }: EmitAdapterInput): OptionParameter[] {
  return Object.entries(mapping.operation.parameters).flatMap(([name, source]) =>
    source.from === "option"
      ? [
          {
            option: source.option,
            parameter: name,
            description: source.description ?? specDescription(document, mapping, name),
          },
        ]
      : [],
  );
}

function idParameter({ mapping }: EmitAdapterInput): string | undefined {
  const entry = Object.entries(mapping.operation.parameters).find(([, source]) => source.from === "taskId");
  return entry?.[0];
}

function specDescription(document: unknown, mapping: NormalizationMapping, name: string): string | undefined {
  const pathItem = resolvePointer(document, `#/paths/${escapePointerToken(mapping.operation.path)}`);
  const operation = isRecord(pathItem) ? pathItem[mapping.operation.method] : undefined;
  const parameter = mergeParameters(document, pathItem, operation).find(
    (candidate) => candidate.name === name && candidate.in === "path",
  );
  return typeof parameter?.description === "string" ? parameter.description : undefined;
}

function missingParameter({ provider }: EmitAdapterInput, name: string): never {
  throw new GenerateError([
    {
      code: "mapping-parameter-unmapped",
      severity: "error",
      file: `specs/${provider}/normalization.yaml`,
      pointer: "#/operation/parameters",
      message: `${provider}: the client's path parameter "${name}" has no source in the mapping`,
    },
  ]);
}
