// One package, from its inputs to formatted files in memory: load → confine refs → validate →
// bundle → model → emit → format. Imported only when a package is out of date, so an unchanged
// run never loads the compilers.
import path from "node:path";
import { bundleSpec, type OpenApiDocument } from "./bundle.js";
import { bumpFor, bumpVersion, diffSpecs, renderChangelogEntry, type SpecChange } from "./diff/index.js";
import { emitClient } from "./emit/client.js";
import { markdownText } from "./emit/docs.js";
import { generatedHeader } from "./emit/header.js";
import {
  emitChangelog,
  emitPackageJson,
  emitProviderReadme,
  emitTsconfig,
  renderTemplate,
} from "./emit/package-files.js";
import type { Project } from "ts-morph";
import { createEmitProject, createEmptySourceFile } from "./emit/project.js";
import { emitPackageTests } from "./emit/tests.js";
import { emitSchemaTypes } from "./emit/types.js";
import { formatFile } from "./format.js";
import { displayPath, MANIFEST_FILE, MAPPING_FILE, type ProviderInputs } from "./inputs.js";
import { parseText } from "./load.js";
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

/** Versions of what the packages depend on, from unitask's own package.json. */
export interface DependencyVersions {
  core: string;
  openapiFetch: string;
}

export async function buildProviderPackage(
  input: ProviderInputs,
  specsDir: string,
  previous: PreviousState,
  versions: DependencyVersions,
): Promise<BuiltPackage> {
  const specPath = path.join(input.folder, input.specFileName);
  // Headers name the spec the same way wherever the generator runs.
  const specLabel = `${path.basename(specsDir)}/${input.name}/${input.specFileName}`;
  const { document, warnings } = await loadSpec(specPath, input.folder, input.files.get(input.specFileName)!);

  const manifestText = input.files.get(MANIFEST_FILE);
  const manifestPath = path.join(input.folder, MANIFEST_FILE);
  const { manifest, problems } = readManifest(
    input.name,
    manifestText === undefined ? undefined : parseText(manifestText, manifestPath, displayPath(manifestPath)),
  );
  if (problems.length > 0) throw new GenerateError(problems);

  const changes = changesSinceSnapshot(previous.specSnapshot, document);
  const version = previous.version === undefined ? manifest.version : bumpVersion(previous.version, bumpFor(changes));
  const model = buildProviderModel(document, { ...manifest, version }, specLabel);
  const mapping = readMapping(input, document);
  const changelog = composeChangelog(model, previous.changelog, changes);
  return {
    files: await emitProviderFiles(model, document, mapping.mapping, changelog, versions),
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
): Promise<Map<string, string>> {
  const header = generatedHeader(model.specFile);
  const files = new Map<string, string>();
  // One emitter at a time, each leaving only its text behind: ts-morph's syntax tree of a large client
  // (hundreds of MB for Microsoft Graph's 26 MB client.ts) is garbage before openapi-typescript's tree
  // and the tests are built, instead of all three being alive at the peak.
  for (const [relative, text] of emitClientSources(model, mapping, document, header)) files.set(relative, text);
  files.set("src/schema.ts", `${header}\n\n${await emitSchemaTypes(document)}`);
  for (const [relative, text] of emitPackageTests(model, document)) files.set(relative, `${header}\n\n${text}`);
  files.set(
    "package.json",
    emitPackageJson({
      packageName: model.packageName,
      version: model.version,
      description: `Typed client for the ${model.displayName} API, generated by unitask from its OpenAPI spec.`,
      dependencies: { "@unitask/core": versions.core, "openapi-fetch": versions.openapiFetch },
      hasSpec: true,
    }),
  );
  files.set("tsconfig.json", emitTsconfig("../core/dist/index.d.ts"));
  files.set("README.md", emitProviderReadme(model, mapping && taskClientOptions(mapping)));
  files.set("CHANGELOG.md", changelog);
  const formatted = await formatFiles(files);
  // The bundled spec: what the package was built from, and what the next run compares against.
  formatted.set("spec/openapi.json", `${JSON.stringify(document, null, 2)}\n`);
  return formatted;
}

/** src/client.ts, src/index.ts and, with a mapping, src/adapter.ts (which has its own header): the ts-morph sources. */
function emitClientSources(
  model: ProviderModel,
  mapping: NormalizationMapping | undefined,
  document: OpenApiDocument,
  header: string,
): Map<string, string> {
  const project = createEmitProject();
  const client = createEmptySourceFile(project, "src/client.ts");
  const clientExports = emitClient(client, model);
  const adapter = mapping ? emitProviderAdapter(project, model, mapping, document) : undefined;
  const index = createEmptySourceFile(project, "src/index.ts");
  // Named re-exports win over the star export, so a generated name never clashes with one of core's.
  index.addExportDeclarations([
    { moduleSpecifier: "@unitask/core" },
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
  return new Map([
    ["src/client.ts", `${header}\n\n${client.getFullText()}`],
    ["src/index.ts", `${header}\n\n${index.getFullText()}`],
    ...(adapter ? ([["src/adapter.ts", adapter]] as const) : []),
  ]);
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

/** @unitask/core: the hand-written runtime/src, copied, with its package files. */
export async function buildCorePackage(
  runtimeFiles: ReadonlyMap<string, string>,
  versions: DependencyVersions,
): Promise<BuiltPackage> {
  const files = new Map<string, string>();
  for (const [relative, text] of runtimeFiles) {
    const header = `// Copied by unitask from runtime/src/${relative}. Do not edit: change runtime/src/, then run npm run generate.`;
    files.set(`src/${relative}`, relative.endsWith(".ts") ? `${header}\n${text}` : text);
  }
  files.set(
    "package.json",
    emitPackageJson({
      packageName: "@unitask/core",
      version: versions.core,
      description: "The runtime and the unified task model shared by unitask's generated client packages.",
      dependencies: { "openapi-fetch": versions.openapiFetch },
      hasSpec: false,
    }),
  );
  files.set("tsconfig.json", emitTsconfig(false));
  files.set("README.md", renderTemplate("core-README.md.hbs", { packageName: "@unitask/core" }));
  files.set("CHANGELOG.md", emitChangelog("@unitask/core", "runtime/src", `## ${versions.core}\n\n- First version.\n`));
  return { files: await formatFiles(files), warnings: [], changes: [] };
}

async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const formatted = new Map<string, string>();
  for (const [relative, text] of files) formatted.set(relative, await formatFile(relative, text));
  return formatted;
}
