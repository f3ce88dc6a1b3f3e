// One package, from its inputs to formatted files in memory: load → confine refs → validate →
// bundle → model → emit → format. Imported only when a package is out of date, so an unchanged
// run never loads the compilers.
import path from "node:path";
import { bundleSpec, type OpenApiDocument } from "./bundle.js";
import type { PackageSettings } from "./config.js";
import { compareRuntimes } from "./core-version.js";
import { bumpFor, bumpVersion, diffSpecs, renderChangelogEntry, type SpecChange } from "./diff/index.js";
import { emitClient } from "./emit/client.js";
import { markdownText } from "./emit/docs.js";
import { generatedHeader } from "./emit/header.js";
import {
  emitChangelog,
  emitLicense,
  emitPackageJson,
  emitProviderReadme,
  emitTsconfig,
  NODE_ENGINES,
  packageLicense,
  renderTemplate,
  type PackageJsonInput,
} from "./emit/package-files.js";
import type { Project } from "ts-morph";
import { createEmitProject, createEmptySourceFile } from "./emit/project.js";
import { emitPackageTests } from "./emit/tests.js";
import { emitSchemaTypes } from "./emit/types.js";
import { formatFile } from "./format.js";
import { displayPath, MANIFEST_FILE, MAPPING_FILE, type ProviderInputs } from "./inputs.js";
import { parseText } from "./load.js";
import { FIRST_CORE_VERSION } from "./pipeline.js";
import { readManifest } from "./manifest.js";
import { buildProviderModel, type ProviderModel } from "./model.js";
import { checkMapping, emitAdapter, loadMapping, type NormalizationMapping } from "./normalization/index.js";
import { GenerateError, hasErrors, type Problem } from "./problems.js";
import { collectReferencedFiles } from "./refs.js";
import { validateSpec } from "./validate.js";

export interface BuiltPackage {
  files: Map<string, string>;
  warnings: Problem[];
  /** What changed in the spec since the snapshot the previous package was built from. */
  changes: SpecChange[];
}

/** What a package carries over from its previous generation. */
export interface PreviousState {
  version?: string;
  changelog?: string;
  /** The previous spec/openapi.json, the baseline of the change report. */
  specSnapshot?: string;
}

/** Versions of what the packages depend on: the core package's, and from unitask's own package.json. */
export interface DependencyVersions {
  core: string;
  openapiFetch: string;
  typescript: string;
}

export async function buildProviderPackage(
  input: ProviderInputs,
  specsDir: string,
  previous: PreviousState,
  versions: DependencyVersions,
  settings: PackageSettings,
  report: (stage: string) => void = () => {},
): Promise<BuiltPackage> {
  report("load and validate");
  const specPath = path.join(input.folder, input.specFileName);
  // Headers name the spec the same way wherever the generator runs.
  const specLabel = `${path.basename(specsDir)}/${input.name}/${input.specFileName}`;
  const { document, warnings } = await loadSpec(specPath, input.folder, input.files.get(input.specFileName)!);

  const manifestText = input.files.get(MANIFEST_FILE);
  const manifestPath = path.join(input.folder, MANIFEST_FILE);
  const { manifest, problems } = readManifest(
    input.name,
    manifestText === undefined ? undefined : parseText(manifestText, manifestPath, displayPath(manifestPath)),
    settings,
  );
  if (problems.length > 0) throw new GenerateError(problems);

  report("compare with the previous spec");
  const changes = changesSinceSnapshot(previous.specSnapshot, document);
  const version = previous.version === undefined ? manifest.version : bumpVersion(previous.version, bumpFor(changes));
  const model = buildProviderModel(document, { ...manifest, version }, specLabel);
  const mapping = readMapping(input, document);
  const changelog = composeChangelog(model, previous.changelog, changes);
  return {
    files: await emitProviderFiles(model, document, mapping.mapping, changelog, versions, settings, report),
    warnings: [...warnings, ...mapping.warnings],
    changes,
  };
}

/** Load → confine refs → validate → bundle, for one spec file; warnings are returned, errors thrown. */
export async function loadSpec(
  specPath: string,
  folder: string,
  text: string,
): Promise<{ document: OpenApiDocument; warnings: Problem[] }> {
  const root = parseText(text, specPath, displayPath(specPath));
  const referenced = await collectReferencedFiles(root, folder);
  const findings = await validateSpec(root, referenced);
  const errors = findings.filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new GenerateError(errors);
  return {
    document: await bundleSpec(root, referenced),
    warnings: findings.filter((problem) => problem.severity === "warning"),
  };
}

function changesSinceSnapshot(snapshot: string | undefined, document: OpenApiDocument): SpecChange[] {
  if (snapshot === undefined) return [];
  let before: OpenApiDocument;
  try {
    before = JSON.parse(snapshot) as OpenApiDocument;
  } catch {
    return [];
  }
  return diffSpecs(before, document);
}

/** The previous entries with this version's on top; a new package starts with its first version. */
function composeChangelog(model: ProviderModel, previous: string | undefined, changes: SpecChange[]): string {
  const first = `## ${model.version}\n\n- First version, generated from ${markdownText(model.api.title)} ${markdownText(model.api.version)}.\n`;
  if (previous === undefined) return emitChangelog(model.packageName, model.specFile, first);
  const entry = renderChangelogEntry(model.version, changes);
  if (entry === "") return previous;
  const firstEntry = previous.indexOf("\n## ");
  const earlier = firstEntry === -1 ? "" : previous.slice(firstEntry + 1);
  return emitChangelog(model.packageName, model.specFile, `${entry}\n${earlier}`);
}

/** The provider's normalization mapping, checked against the spec; absent for a provider without one. */
function readMapping(
  input: ProviderInputs,
  document: OpenApiDocument,
): { mapping?: NormalizationMapping; warnings: Problem[] } {
  const text = input.files.get(MAPPING_FILE);
  if (text === undefined) return { warnings: [] };
  const file = displayPath(path.join(input.folder, MAPPING_FILE));
  const loaded = loadMapping(file, text);
  const problems = [
    ...loaded.problems,
    ...(loaded.mapping ? checkMapping(input.name, file, loaded.mapping, document) : []),
  ];
  if (!loaded.mapping || hasErrors(problems)) throw new GenerateError(problems);
  return { mapping: loaded.mapping, warnings: problems };
}

async function emitProviderFiles(
  model: ProviderModel,
  document: OpenApiDocument,
  mapping: NormalizationMapping | undefined,
  changelog: string,
  versions: DependencyVersions,
  settings: PackageSettings,
  report: (stage: string) => void,
): Promise<Map<string, string>> {
  report("emit");
  const project = createEmitProject();
  const client = createEmptySourceFile(project, "src/client.ts");
  const clientExports = emitClient(client, model);
  const adapter = mapping ? emitProviderAdapter(project, model, mapping, document) : undefined;
  const index = createEmptySourceFile(project, "src/index.ts");
  // Named re-exports win over the star export, so a generated name never clashes with one of core's.
  index.addExportDeclarations([
    { moduleSpecifier: model.runtimePackage },
    {
      namedExports: [...clientExports.values, ...clientExports.types.map((name) => ({ name, isTypeOnly: true }))],
      moduleSpecifier: "./client.js",
    },
    ...(adapter
      ? [
          {
            namedExports: [
              "toUnifiedTask",
              `create${model.pascalName}TaskClient`,
              { name: `${model.pascalName}TaskClientOptions`, isTypeOnly: true },
            ],
            moduleSpecifier: "./adapter.js",
          },
        ]
      : []),
    { isTypeOnly: true, namedExports: ["components", "operations", "paths"], moduleSpecifier: "./schema.js" },
  ]);

  const header = generatedHeader(model.specFile);
  const license = packageLicense((document.info as { license?: object } | undefined)?.license, settings.license);
  const files = new Map<string, string>([
    ["src/schema.ts", `${header}\n\n${await emitSchemaTypes(document)}`],
    ["src/client.ts", `${header}\n\n${client.getFullText()}`],
    ["src/index.ts", `${header}\n\n${index.getFullText()}`],
    ...(adapter ? ([["src/adapter.ts", adapter]] as const) : []),
    [
      "package.json",
      emitPackageJson({
        ...publishing(model.name, settings, license),
        packageName: model.packageName,
        version: model.version,
        description: `Typed client for the ${model.displayName} API, generated by unitask from its OpenAPI spec.`,
        dependencies: { "openapi-fetch": versions.openapiFetch },
        // A peer, so providers generated at different times share one runtime (or npm says they cannot).
        peerDependencies: { [model.runtimePackage]: `^${versions.core}` },
        typescript: versions.typescript,
        hasSpec: true,
      }),
    ],
    ["tsconfig.json", emitTsconfig()],
    ["README.md", emitProviderReadme(model, mapping && taskClientOptions(mapping))],
    ["CHANGELOG.md", changelog],
  ]);
  const licenseFile = emitLicense(model.packageName, license);
  if (licenseFile !== undefined) files.set("LICENSE", licenseFile);
  for (const [relative, text] of emitPackageTests(model, document)) files.set(relative, `${header}\n\n${text}`);
  report("format");
  const formatted = await formatFiles(files);
  // The bundled spec: what the package was built from, and what the next run compares against.
  formatted.set("spec/openapi.json", `${JSON.stringify(document, null, 2)}\n`);
  return formatted;
}

/** What a task client needs besides the client's own options (Quant's organisation). */
function taskClientOptions(mapping: NormalizationMapping): string[] {
  return Object.values(mapping.operation.parameters).flatMap((parameter) =>
    parameter.from === "option" ? [parameter.option] : [],
  );
}

/** src/adapter.ts: the mapping's typed adapter into the unified task model. */
function emitProviderAdapter(
  project: Project,
  model: ProviderModel,
  mapping: NormalizationMapping,
  document: OpenApiDocument,
): string {
  const operation = model.operations.find(
    (candidate) => candidate.method === mapping.operation.method && candidate.path === mapping.operation.path,
  );
  if (!operation)
    throw new Error(
      `checkMapping accepted a mapping whose operation ${mapping.operation.method} ${mapping.operation.path} is not in the model`,
    );
  const sourceFile = createEmptySourceFile(project, "src/adapter.ts");
  emitAdapter(sourceFile, {
    provider: model.name,
    pascalName: model.pascalName,
    runtimePackage: model.runtimePackage,
    mapping,
    document,
    operation: {
      functionName: operation.functionName,
      dataTypeName: `${operation.typeName}Data`,
      pathParams: operation.pathParams.map((param) => param.argName),
    },
  });
  return sourceFile.getFullText();
}

/**
 * The core package: the hand-written runtime/src, copied, with its package files. Its version moves by
 * what changed in the runtime since the previous core package, with a CHANGELOG entry saying what.
 */
export async function buildCorePackage(
  runtimeFiles: ReadonlyMap<string, string>,
  previous: PreviousState & { files: ReadonlyMap<string, string> },
  versions: DependencyVersions,
  settings: PackageSettings,
): Promise<BuiltPackage> {
  const packageName = settings.runtimePackage;
  const copyHeader = (relative: string) =>
    `// Copied by unitask from runtime/src/${relative}. Do not edit: change runtime/src/, then run npm run generate.\n`;
  const previousRuntime = new Map(
    [...previous.files]
      .filter(([relative]) => relative.startsWith("src/"))
      .map(([relative, text]) => [relative.slice(4), text.replace(copyHeader(relative.slice(4)), "")]),
  );
  const firstVersion = previous.version === undefined || previous.changelog === undefined;
  const changes = firstVersion ? { bump: null, notes: [] } : compareRuntimes(previousRuntime, runtimeFiles);
  const version = firstVersion ? FIRST_CORE_VERSION : bumpVersion(previous.version!, changes.bump);

  const files = new Map<string, string>();
  for (const [relative, text] of runtimeFiles)
    files.set(`src/${relative}`, relative.endsWith(".ts") ? `${copyHeader(relative)}${text}` : text);
  const license = packageLicense(undefined, settings.license);
  files.set(
    "package.json",
    emitPackageJson({
      ...publishing("core", settings, license),
      packageName,
      version,
      description: "The runtime and the unified task model shared by unitask's generated client packages.",
      dependencies: { "openapi-fetch": versions.openapiFetch },
      typescript: versions.typescript,
      hasSpec: false,
      internalEntry: true,
    }),
  );
  files.set("tsconfig.json", emitTsconfig());
  files.set(
    "README.md",
    renderTemplate("core-README.md.hbs", { packageName, scope: settings.scope, nodeVersion: NODE_ENGINES }),
  );
  const licenseFile = emitLicense(packageName, license);
  if (licenseFile !== undefined) files.set("LICENSE", licenseFile);
  const entries = firstVersion
    ? `## ${version}\n\n- First version.\n`
    : changes.bump === null
      ? undefined
      : `## ${version}\n\n${changes.notes.map((note) => `- ${note}`).join("\n")}\n\n${previous.changelog!.slice(previous.changelog!.indexOf("\n## ") + 1)}`;
  files.set(
    "CHANGELOG.md",
    entries === undefined ? previous.changelog! : emitChangelog(packageName, "runtime/src", entries),
  );
  return { files: await formatFiles(files), warnings: [], changes: [] };
}

/** The package.json fields that say where a package is published from, and under which license. */
function publishing(
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

async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const formatted = new Map<string, string>();
  for (const [relative, text] of files) formatted.set(relative, await formatFile(relative, text));
  return formatted;
}
