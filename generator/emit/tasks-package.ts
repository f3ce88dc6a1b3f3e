// Emits @unitask/tasks, the umbrella over every provider that has a normalization mapping: `createTaskClient`
// with options discriminated by `provider`, the `providers` registry, and core's task API re-exported by name.
// Its index is built from ts-morph structures; its package files come from the handlebars templates.
import {
  StructureKind,
  VariableDeclarationKind,
  type FunctionDeclarationOverloadStructure,
  type OptionalKind,
  type StatementStructures,
} from "ts-morph";
import type { ProviderInfo, TaskCapability, TaskKind } from "../../runtime/src/task/index.js";
import type { ProviderModel } from "../model.js";
import type { NormalizationMapping } from "../normalization/index.js";
import { credentialVariables } from "./credential-variables.js";
import { dataLiteral, jsDocText, markdownText, stringLiteral } from "./docs.js";
import {
  emitChangelog,
  emitPackageJson,
  emitTsconfig,
  renderTemplate,
  type PackageJsonInput,
} from "./package-files.js";
import { generatedHeader } from "./header.js";
import { printStatements } from "./project.js";

/** One provider of the umbrella: its registry entry and the names its package exports. */
export interface TaskProvider {
  /** The folder name, e.g. `quant`: the `provider` discriminant. */
  name: string;
  pascalName: string;
  /** The version of its package that the umbrella depends on. */
  version: string;
  info: ProviderInfo;
}

/** The registry entry of a provider, from its model and checked mapping. */
export function taskProviderOf(model: ProviderModel, mapping: NormalizationMapping, version: string): TaskProvider {
  const kind: TaskKind = mapping.kind;
  // A mapping declares the operation that gets a task; later mappings may declare more (list, cancel).
  const capabilities: TaskCapability[] = mapping.operation.method === "get" ? ["get"] : [];
  return {
    name: model.name,
    pascalName: model.pascalName,
    version,
    info: {
      displayName: model.displayName,
      packageName: model.packageName,
      kind,
      capabilities,
      credentials: credentialVariables(model).map(({ option, variable, required }) => ({
        option,
        environmentVariable: variable,
        required,
      })),
      options: Object.values(mapping.operation.parameters).flatMap((parameter) =>
        parameter.from === "option" ? [{ name: parameter.option, description: parameter.description ?? null }] : [],
      ),
      defaultBaseUrl: model.servers[0]?.url ?? null,
    },
  };
}

/** The source the package's files are generated from, as their headers name it. */
const SOURCE = "specs/*/normalization.yaml";
const HEADER = generatedHeader([SOURCE], "a mapping or generator/");

/** Core's task API, re-exported so that one import serves a program that talks to every provider. */
const CORE_VALUES = [
  "TaskAbortedError",
  "TaskFailedError",
  "TaskPayloadError",
  "TaskTimeoutError",
  "isTransientError",
  "waitForTask",
  "watchTask",
];
const CORE_TYPES = [
  "ProviderInfo",
  "TaskClient",
  "TaskStatus",
  "UnifiedTask",
  "UnitaskEvent",
  "WaitForTaskOptions",
  "WatchTaskOptions",
];

/** Every file of @unitask/tasks, unformatted, for `providers` sorted by name. */
/** The npm names the umbrella package is published under and imports the runtime from. */
export interface TasksPackageNames {
  packageName: string;
  runtimePackage: string;
  /** Where it is published from, and under which license: as for every package. */
  publishing: Pick<PackageJsonInput, "license" | "repository" | "homepage">;
}

export function emitTasksPackage(
  providers: readonly TaskProvider[],
  versions: { core: string; typescript: string },
  names: TasksPackageNames,
): Map<string, string> {
  const coreVersion = versions.core;
  return new Map([
    ["src/index.ts", `${HEADER}\n\n${printStatements(indexStatements(providers, names.runtimePackage))}`],
    [
      "package.json",
      emitPackageJson({
        packageName: names.packageName,
        ...names.publishing,
        version: coreVersion,
        description: "One task client over every provider unitask generates: a typed registry and createTaskClient.",
        dependencies: Object.fromEntries(providers.map((provider) => [provider.info.packageName, provider.version])),
        // A peer, as for the providers: one runtime for the umbrella and every provider package.
        peerDependencies: { [names.runtimePackage]: `^${coreVersion}` },
        typescript: versions.typescript,
        hasSpec: false,
      }),
    ],
    ["tsconfig.json", emitTsconfig()],
    ["README.md", emitTasksReadme(providers, names.packageName)],
    [
      "CHANGELOG.md",
      emitChangelog(
        names.packageName,
        SOURCE,
        `## ${coreVersion}\n\n- First version, over ${providerList(providers)}.\n`,
      ),
    ],
  ]);
}

function providerList(providers: readonly TaskProvider[]): string {
  return providers.map((provider) => markdownText(provider.info.displayName)).join(", ");
}

/** A provider name as a property key: quoted when it is not an identifier (`"acme-cloud"`). */
function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}

function optionsType(provider: TaskProvider): string {
  return `{ provider: ${stringLiteral(provider.name)} } & ${provider.pascalName}TaskClientOptions`;
}

function indexStatements(providers: readonly TaskProvider[], runtimePackage: string): StatementStructures[] {
  const statements: StatementStructures[] = [];
  statements.push(
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ["ProviderInfo", "TaskClient"],
      moduleSpecifier: runtimePackage,
    },
    ...providers.map((provider): StatementStructures => ({
      kind: StructureKind.ImportDeclaration,
      namedImports: [
        `create${provider.pascalName}TaskClient`,
        { name: `${provider.pascalName}TaskClientOptions`, isTypeOnly: true },
        { name: "GetTaskData", alias: `${provider.pascalName}TaskResponse`, isTypeOnly: true },
      ],
      moduleSpecifier: provider.info.packageName,
    })),
    {
      kind: StructureKind.ExportDeclaration,
      namedExports: [...CORE_VALUES, ...CORE_TYPES.map((name) => ({ name, isTypeOnly: true }))],
      moduleSpecifier: runtimePackage,
    },
    ...providers.map((provider): StatementStructures => ({
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [`${provider.pascalName}TaskClientOptions`, `${provider.pascalName}TaskResponse`],
    })),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: "TaskClientOptions",
      type: providers.map(optionsType).join(" | "),
      docs: [
        "The options of `createTaskClient`: one member per provider, discriminated by `provider`, each exactly that provider's task-client options.",
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: "TaskProviderName",
      type: `TaskClientOptions["provider"]`,
      docs: ["The providers `createTaskClient` knows."],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: "TaskResponses",
      docs: ["Each provider's own response, the `raw` of its unified tasks."],
      properties: providers.map((provider) => ({
        name: propertyName(provider.name),
        type: `${provider.pascalName}TaskResponse`,
      })),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        "What unitask knows of each provider: its package, what its task client can do, the credentials it takes (and the environment variables its README reads them from), and the options it needs besides them.",
      ],
      declarations: [
        {
          name: "providers",
          initializer: `${dataLiteral(Object.fromEntries(providers.map((provider) => [provider.name, provider.info])))} as const satisfies Record<TaskProviderName, ProviderInfo>`,
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: "factories",
          type: `{ [Name in TaskProviderName]: (options: Extract<TaskClientOptions, { provider: Name }>) => TaskClient<TaskResponses[Name]> }`,
          initializer: (writer) =>
            writer.inlineBlock(() => {
              for (const provider of providers)
                writer.writeLine(`${propertyName(provider.name)}: create${provider.pascalName}TaskClient,`);
            }),
        },
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "createTaskClient",
      overloads: [
        ...providers.map((provider): OptionalKind<FunctionDeclarationOverloadStructure> => ({
          docs: [
            `A task client for ${jsDocText(provider.info.displayName)}; its tasks keep ${jsDocText(provider.info.displayName)}'s own response as \`raw\`.`,
          ],
          parameters: [{ name: "options", type: optionsType(provider) }],
          returnType: `TaskClient<${provider.pascalName}TaskResponse>`,
        })),
        {
          docs: [
            'A task client for any provider: `createTaskClient({ provider: "quant", token, organisation })`. The options are that provider\'s task-client options plus `provider`; a missing or unknown option is a compile error. `getTask(id)` resolves with the unified task.',
          ],
          parameters: [{ name: "options", type: "TaskClientOptions" }],
          returnType: "TaskClient",
        },
      ],
      docs: ["The task client of `options.provider`, made by that provider package's own factory."],
      parameters: [{ name: "options", type: "TaskClientOptions" }],
      returnType: "TaskClient",
      statements: [
        "// Each factory takes its own member of the union; the discriminant picked it.",
        "const create = factories[options.provider] as (options: TaskClientOptions) => TaskClient;",
        "return create(options);",
      ],
    },
  );
  return statements;
}

function emitTasksReadme(providers: readonly TaskProvider[], packageName: string): string {
  const example = providers.find((provider) => provider.info.options.length > 0) ?? providers[0]!;
  const exampleOptions = [
    `provider: ${stringLiteral(example.name)}`,
    ...example.info.credentials
      .filter((credential) => credential.required)
      .map((credential) => `${credential.option}: process.env.${credential.environmentVariable}!`),
    ...example.info.options.map((option) => `${option.name}: ${stringLiteral(`<${option.name}>`)}`),
  ];
  return renderTemplate("tasks-README.md.hbs", {
    packageName,
    source: SOURCE,
    usage: [
      `import { createTaskClient, providers, watchTask } from ${stringLiteral(packageName)};`,
      "",
      `const client = createTaskClient({ ${exampleOptions.join(", ")} });`,
      `for await (const task of watchTask(client, "<task id>", { timeoutMs: 10 * 60_000 })) {`,
      "  console.log(task.status, task.progress);",
      "}",
      "",
      `console.log(Object.keys(providers)); // ${providers.map((provider) => provider.name).join(", ")}`,
    ].join("\n"),
    providers: providers.map((provider) => ({
      name: provider.name,
      displayName: markdownText(provider.info.displayName),
      packageName: markdownText(provider.info.packageName),
      capabilities: provider.info.capabilities.join(", "),
      credentials:
        provider.info.credentials
          .map((credential) => `\`${credential.option}\` (\`${credential.environmentVariable}\`)`)
          .join(", ") || "none",
      options: provider.info.options.map((option) => `\`${option.name}\``).join(", ") || "none",
    })),
  });
}
