// Emits the package files that are not TypeScript (package.json, tsconfig.json, README.md,
// CHANGELOG.md) from the handlebars skeletons in templates/. Logic stays here; templates only place.
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import type { OperationModel, ProviderModel } from "../model.js";
import { credentialVariables } from "./credential-variables.js";
import { markdownText, stringLiteral } from "./docs.js";

const templatesDir = new URL("../../templates/", import.meta.url);
const handlebars = Handlebars.create();
handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
handlebars.registerHelper("md", (value: unknown) => markdownText(String(value)));

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(new URL(name, templatesDir), "utf8");
    template = handlebars.compile(source, {
      strict: true,
      noEscape: true,
      knownHelpers: { json: true, md: true },
      knownHelpersOnly: true,
    });
    compiled.set(name, template);
  }
  return template(data);
}

export interface PackageJsonInput {
  packageName: string;
  version: string;
  description: string;
  dependencies: Record<string, string>;
  /** A provider's, to run its generated tests (`npm test`). */
  devDependencies: Record<string, string> | false;
  /** Core's, all optional: what its `./testing` entry imports. */
  peerDependencies: Record<string, string> | false;
  hasSpec: boolean;
  exportsTesting: boolean;
}

export function emitPackageJson(input: PackageJsonInput): string {
  const optional = Object.keys(input.peerDependencies || {}).map((name) => [name, { optional: true }]);
  return renderTemplate("package.json.hbs", { ...input, peerDependenciesMeta: Object.fromEntries(optional) });
}

/**
 * `paths` map the packages this one imports (@unitask/core, and the provider packages for @unitask/tasks) to
 * their sibling builds inside this repository; consumers resolve them from node_modules. `nodeTypes`: the sources
 * use node's modules (core's testing entry does).
 */
export function emitTsconfig(paths: readonly { name: string; target: string }[], nodeTypes = false): string {
  return renderTemplate("tsconfig.json.hbs", { paths, nodeTypes });
}

/** `taskClientOptions`: what the task client needs besides the client's options, or undefined without a mapping. */
export function emitProviderReadme(model: ProviderModel, taskClientOptions: readonly string[] | undefined): string {
  return renderTemplate("README.md.hbs", {
    specFile: model.specFile,
    packageName: model.packageName,
    pascalName: model.pascalName,
    displayName: model.displayName,
    apiTitle: model.api.title,
    apiVersion: model.api.version,
    usage: usageExample(model),
    hasAdapter: taskClientOptions !== undefined,
    taskUsage: taskClientOptions === undefined ? "" : taskUsageExample(model, taskClientOptions),
    operations: model.operations.map((operation) => ({
      functionName: operation.functionName,
      request: `${operation.method.toUpperCase()} ${markdownText(operation.path)}${operation.summary ? `: ${markdownText(operation.summary)}` : ""}`,
    })),
  });
}

export function emitChangelog(packageName: string, specFile: string, entries: string): string {
  return renderTemplate("CHANGELOG.md.hbs", { packageName, specFile, entries });
}

function usageExample(model: ProviderModel): string {
  const variable = model.pascalName.charAt(0).toLowerCase() + model.pascalName.slice(1);
  const auth = authExample(model);
  const lines = [
    `import { ApiError, create${model.pascalName}Client } from ${stringLiteral(model.packageName)};`,
    "",
    `const ${variable} = create${model.pascalName}Client({ ${auth.join(", ")} });`,
  ];
  const operation = pickExampleOperation(model.operations);
  if (operation) {
    const args = operation.pathParams.map((param) => stringLiteral(`<${param.name}>`)).join(", ");
    lines.push(
      "",
      "try {",
      `  const data = await ${variable}.${operation.functionName}(${args});`,
      "  console.log(data);",
      "} catch (error) {",
      "  if (error instanceof ApiError) console.error(error.status, error.body);",
      "  else throw error;",
      "}",
    );
  }
  return lines.join("\n");
}

function taskUsageExample(model: ProviderModel, extraOptions: readonly string[]): string {
  const options = [
    ...authExample(model),
    ...extraOptions.map((option) => `${option}: ${stringLiteral(`<${option}>`)}`),
  ];
  return [
    `import { create${model.pascalName}TaskClient, waitForTask, TaskFailedError } from ${stringLiteral(model.packageName)};`,
    "",
    `const tasks = create${model.pascalName}TaskClient({ ${options.join(", ")} });`,
    `const task = await tasks.getTask("<task id>"); // { provider, id, status, progress, createdAt, result, error, raw, ... }`,
    "",
    "try {",
    `  const done = await waitForTask(tasks, task.id, { timeoutMs: 10 * 60_000, onProgress: (t) => console.log(t.status, t.progress) });`,
    "  console.log(done.result);",
    "} catch (error) {",
    "  if (error instanceof TaskFailedError) console.error(error.task.error);",
    "  else throw error;",
    "}",
  ].join("\n");
}

function authExample(model: ProviderModel): string[] {
  const auth = credentialVariables(model).map(({ option, variable }) => `${option}: process.env.${variable}!`);
  if (model.servers.length === 0) auth.push(`baseUrl: "https://api.example.com"`);
  return auth;
}

/** A read of one thing makes the clearest first example. */
function pickExampleOperation(operations: OperationModel[]): OperationModel | undefined {
  return operations.find((operation) => operation.method === "get" && operation.pathParams.length > 0) ?? operations[0];
}
