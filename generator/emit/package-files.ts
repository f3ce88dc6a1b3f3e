// Emits the package files that are not TypeScript (package.json, tsconfig.json, README.md,
// CHANGELOG.md, LICENSE) from the handlebars skeletons in templates/. Logic stays here; templates only place.
import type { PackageSettings } from "../config.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { packageRoot } from "../inputs.js";
import Handlebars from "handlebars";
import type { OperationModel, ProviderModel } from "../model.js";
import { credentialVariables } from "./credential-variables.js";
import { markdownText, stringLiteral } from "./docs.js";

const templatesDir = path.join(packageRoot, "templates");
const handlebars = Handlebars.create();
handlebars.registerHelper("json", (value: unknown) => JSON.stringify(value));
handlebars.registerHelper("md", (value: unknown) => markdownText(String(value)));

const compiled = new Map<string, HandlebarsTemplateDelegate>();

export function renderTemplate(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = readFileSync(path.join(templatesDir, name), "utf8");
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

/** The node versions a package supports: `require` of an ES module works from 20.19 on. */
export const NODE_ENGINES = ">=20.19";

export interface PackageJsonInput {
  packageName: string;
  version: string;
  description: string;
  license: PackageLicense;
  /** Where the packages are published from; `directory` is this package's folder in it. */
  repository?: { url: string; directory: string };
  homepage?: string;
  dependencies: Record<string, string>;
  peerDependencies?: Record<string, string>;
  /** Peer dependencies the package uses when they are installed and does without otherwise. */
  optionalPeerDependencies?: Record<string, string>;
  /** Besides TypeScript: what the package's own `npm test` needs (a provider's generated tests). */
  devDependencies?: Record<string, string>;
  /** The TypeScript version that builds the package, in its folder or copied out of it. */
  typescript: string;
  hasSpec: boolean;
  /** The core package's `./internal` entry, for generated code only. */
  internalEntry?: boolean;
  /** The core package's `./testing` entry: the harness that runs a package's generated tests. */
  testingEntry?: boolean;
}

export function emitPackageJson(input: PackageJsonInput): string {
  const { license, repository, typescript } = input;
  const optionalPeers = input.optionalPeerDependencies ?? {};
  const peers = { ...input.peerDependencies, ...optionalPeers };
  const optionalNames = Object.keys(optionalPeers);
  // Strict templates need every field present, the absent ones as undefined.
  return renderTemplate("package.json.hbs", {
    packageName: input.packageName,
    version: input.version,
    description: input.description,
    homepage: input.homepage,
    dependencies: input.dependencies,
    peerDependencies: Object.keys(peers).length > 0 ? peers : undefined,
    peerDependenciesMeta:
      optionalNames.length > 0
        ? Object.fromEntries(optionalNames.map((name) => [name, { optional: true }]))
        : undefined,
    hasSpec: input.hasSpec,
    hasTests: input.devDependencies !== undefined,
    internalEntry: input.internalEntry ?? false,
    testingEntry: input.testingEntry ?? false,
    license: license.field,
    repository: repository && { type: "git", url: gitUrl(repository.url), directory: repository.directory },
    devDependencies: { typescript, ...input.devDependencies },
    files: ["dist", "src", ...(input.hasSpec ? ["spec"] : []), "README.md", "CHANGELOG.md"].concat(
      license.name ? ["LICENSE"] : [],
    ),
    nodeVersion: NODE_ENGINES,
  });
}

/** npm normalizes a repository URL to this form on publish (and warns); writing it so keeps publish quiet. */
function gitUrl(url: string): string {
  return url.startsWith("https://") && !url.endsWith(".git") ? `git+${url}.git` : url;
}

/**
 * A package's license: the package.json field, and for the LICENSE file the license's name and URL.
 * UNLICENSED, without a LICENSE file, when neither the spec nor the config names one.
 */
export interface PackageLicense {
  field: string;
  name?: string;
  url?: string;
}

const SPDX_ID = /^[A-Za-z\d.+-]+$/;

/** From the spec's `info.license` (OpenAPI 3.1's `identifier`, else a `name` that is an SPDX id), else the config's. */
export function packageLicense(
  specLicense: { name?: unknown; identifier?: unknown; url?: unknown } | undefined,
  configLicense: string | undefined,
): PackageLicense {
  const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
  const [identifier, name, url] = [text(specLicense?.identifier), text(specLicense?.name), text(specLicense?.url)];
  const spdx = identifier ?? (name && SPDX_ID.test(name) ? name : undefined) ?? (name ? undefined : configLicense);
  if (spdx) return { field: spdx, name: name ?? spdx, url: url ?? (SPDX_ID.test(spdx) ? spdxUrl(spdx) : undefined) };
  if (name) return { field: "SEE LICENSE IN LICENSE", name, url };
  return { field: "UNLICENSED" };
}

function spdxUrl(identifier: string): string {
  return `https://spdx.org/licenses/${identifier}.html`;
}

export function emitLicense(packageName: string, license: PackageLicense): string | undefined {
  return license.name === undefined
    ? undefined
    : renderTemplate("LICENSE.hbs", { packageName, name: license.name, url: license.url });
}

/** `nodeTypes`: the sources use node's modules (core's testing entry does). */
export function emitTsconfig({ nodeTypes = false } = {}): string {
  return renderTemplate("tsconfig.json.hbs", { nodeTypes });
}

/** `taskClientOptions`: what the task client needs besides the client's options, or undefined without a mapping. */
export function emitProviderReadme(model: ProviderModel, taskClientOptions: readonly string[] | undefined): string {
  return renderTemplate("README.md.hbs", {
    specFile: model.specFile,
    packageName: model.packageName,
    runtimePackage: model.runtimePackage,
    nodeVersion: NODE_ENGINES,
    pascalName: model.pascalName,
    displayName: model.displayName,
    apiTitle: model.api.title,
    apiVersion: model.api.version,
    usage: usageExample(model),
    errorExample: errorExample(model.operations),
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

/** The example operation's typed error, for the README's paragraph on typed error bodies. */
function errorExample(operations: OperationModel[]): { typeName: string; functionName: string } | undefined {
  const operation = pickExampleOperation(operations);
  return operation && { typeName: `${operation.typeName}Error`, functionName: operation.functionName };
}

/** A read of one thing makes the clearest first example. */
function pickExampleOperation(operations: OperationModel[]): OperationModel | undefined {
  return operations.find((operation) => operation.method === "get" && operation.pathParams.length > 0) ?? operations[0];
}

/** The package.json fields that say where a package is published from, and under which license. */
export function publishing(
  folder: string,
  settings: PackageSettings,
  license: PackageJsonInput["license"],
): Pick<PackageJsonInput, "license" | "repository" | "homepage"> {
  const directory = [settings.outFromRoot, folder].filter((part) => part !== "" && part !== ".").join("/");
  return {
    license,
    repository: settings.repository === undefined ? undefined : { url: settings.repository, directory },
    homepage: settings.homepage,
  };
}
