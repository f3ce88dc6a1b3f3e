// One package, from its inputs to formatted files staged for the write: load → confine refs → validate →
// bundle → model → emit → format. Imported only when a package is out of date, so an unchanged
// run never loads the compilers.
import path from "node:path";
import v8 from "node:v8";
import { bundleSpec, type OpenApiDocument } from "./bundle.js";
import type { PackageSettings } from "./config.js";
import { compareRuntimes } from "./core-version.js";
import {
  ACCEPTED_CHANGES_FILE,
  bumpFor,
  bumpVersion,
  diffSpecs,
  loadAcceptedChanges,
  renderChangelogEntry,
  reviewChanges,
  type AcceptedChange,
  type ReviewInputs,
  type SpecChange,
  type VersionBump,
} from "./diff/index.js";
import { markdownText } from "./emit/docs.js";
import { copiedHeader } from "./emit/header.js";
import {
  emitChangelog,
  emitLicense,
  emitPackageJson,
  emitTsconfig,
  NODE_ENGINES,
  packageLicense,
  publishing,
  renderTemplate,
} from "./emit/package-files.js";
import { emitTasksPackage, taskProviderOf, type TaskProvider } from "./emit/tasks-package.js";
import { formatFile } from "./format.js";
import { emitProviderFiles } from "./provider-files.js";
import { displayPath, MANIFEST_FILE, MAPPING_FILE, type ProviderInputs } from "./inputs.js";
import { parseText } from "./load.js";
import { FIRST_CORE_VERSION } from "./pipeline.js";
import { readManifest } from "./manifest.js";
import { buildProviderModel, type ProviderModel } from "./model.js";
import { checkMapping, loadMapping, type NormalizationMapping } from "./normalization/index.js";
import { GenerateError, hasErrors, type Problem } from "./problems.js";
import { collectReferencedFiles } from "./refs.js";
import type { StagedFiles } from "./staged-files.js";
import {
  dropForbiddenContent,
  removeIgnoredHeaderParameters,
  replaceNullSchemas,
  resolveMappingNames,
} from "./repair.js";
import { validateSpec } from "./validate.js";

/**
 * After each full collection V8 lets the heap grow to up to 4 times what survived it, which for a run that holds a
 * large spec (Microsoft Graph's: 20 MB, 300 MB of objects) while openapi-typescript builds its syntax tree made
 * the peak a matter of when the last collection fell: 930 to 1,200 MB between runs of the same input. At most 2.5
 * times keeps it at about 880 MB, run after run, for the same CPU time (measured on Graph's and GitHub's specs).
 * V8 reads the flag at each collection, so setting it as this module loads, before any package is built, takes
 * effect; an unchanged run never loads this module.
 */
v8.setFlagsFromString("--heap-growing-percent=150");

/** What building a package found; its files are in the StagedFiles it was given. */
export interface BuiltPackage {
  /** The package's version after this run. */
  version: string;
  warnings: Problem[];
  /** What changed in the spec since the snapshot the previous package was built from. */
  changes: SpecChange[];
}

/** What a package carries over from its previous generation. */
export interface PreviousState {
  version?: string;
  changelog?: string;
  /** Reads the previous spec/openapi.json, the baseline of the change report; read only when needed, as it is as large as the spec. */
  readSpecSnapshot: () => string | undefined;
}

/** Versions of what the packages depend on: the core package's, and from unitask's own package.json. */
export interface DependencyVersions {
  core: string;
  openapiFetch: string;
  /** What the generated tests run on (@unitask/core/testing): name → version. */
  testing: Record<string, string>;
  /** The TypeScript version that builds each package. */
  typescript: string;
}

/** The packages @unitask/core/testing imports, and the Prism CLI it starts. */
export const TESTING_DEPENDENCIES = ["@stoplight/prism-cli", "@types/node", "ajv", "ajv-formats", "vitest"];

export async function buildProviderPackage(
  input: ProviderInputs,
  specsDir: string,
  previous: PreviousState,
  versions: DependencyVersions,
  settings: PackageSettings,
  files: StagedFiles,
  report: (stage: string) => void = () => {},
): Promise<BuiltPackage> {
  report("load and validate");
  const specPath = path.join(input.folder, input.specFileName);
  // Headers name the spec the same way wherever the generator runs.
  const specLabel = `${path.basename(specsDir)}/${input.name}/${input.specFileName}`;
  const { document, warnings, lineOf } = await loadSpec(specPath, input.folder, input.files.get(input.specFileName)!);

  const manifestText = input.files.get(MANIFEST_FILE);
  const manifestPath = path.join(input.folder, MANIFEST_FILE);
  const { manifest, problems } = readManifest(
    input.name,
    manifestText === undefined ? undefined : parseText(manifestText, manifestPath, displayPath(manifestPath)),
    settings,
  );
  if (problems.length > 0) throw new GenerateError(problems);

  report("compare with the previous spec");
  const mapping = readMapping(input, document);
  const reviewed = changesSinceSnapshot(previous.readSpecSnapshot(), document, {
    manifest,
    specLabel,
    mapping: mapping.mapping && { file: displayPath(path.join(input.folder, MAPPING_FILE)), mapping: mapping.mapping },
    accepted: readAcceptedChanges(input),
  });
  const version = previous.version === undefined ? manifest.version : bumpVersion(previous.version, reviewed.bump);
  const model = buildProviderModel(document, { ...manifest, version }, specLabel);
  const changelog = composeChangelog(model, previous.changelog, reviewed.changes);
  const emitted = await emitProviderFiles(
    model,
    document,
    mapping.mapping,
    changelog,
    versions,
    settings,
    files,
    report,
  );
  return {
    version,
    warnings: [
      ...warnings,
      ...mapping.warnings,
      ...reviewed.stale,
      ...emitted.warnings.map((warning): Problem => ({
        ...warning,
        severity: "warning",
        file: displayPath(specPath),
        line: lineOf(warning.pointer),
      })),
    ],
    changes: reviewed.changes,
  };
}

/** Load → confine refs → validate → bundle → repair, for one spec file; warnings are returned, errors thrown. */
export async function loadSpec(
  specPath: string,
  folder: string,
  text: string,
): Promise<{
  document: OpenApiDocument;
  warnings: Problem[];
  /** The line of a pointer of the bundled document in the spec file, where the file has it. */
  lineOf: (pointer: string) => number | undefined;
}> {
  const root = parseText(text, specPath, displayPath(specPath));
  const { files: referenced, warnings: unresolvedMappings } = await collectReferencedFiles(root, folder);
  const mappingProblems = resolveMappingNames(root);
  // Redocly would report each unknown name again, as a $ref it cannot resolve.
  if (mappingProblems.length > 0) throw new GenerateError(mappingProblems);
  const findings = await validateSpec(root, referenced);
  const errors = findings.filter((problem) => problem.severity === "error");
  if (errors.length > 0) throw new GenerateError(errors);
  const document = await bundleSpec(root, referenced);
  replaceNullSchemas(document);
  const repaired = dropForbiddenContent(root, document);
  const ignoredHeaders = removeIgnoredHeaderParameters(root, document);
  return {
    document,
    warnings: [
      ...unresolvedMappings,
      ...findings.filter((problem) => problem.severity === "warning"),
      ...repaired,
      ...ignoredHeaders,
    ],
    lineOf: (pointer) => root.lineOf(pointer),
  };
}

/**
 * The spec's changes since the previous package's snapshot, reviewed, and how far they move the version. The
 * snapshot's document, as large as the spec's, is garbage once this returns.
 */
function changesSinceSnapshot(
  snapshot: string | undefined,
  document: OpenApiDocument,
  inputs: Omit<ReviewInputs, "before" | "after">,
): { bump: VersionBump | null; changes: SpecChange[]; stale: Problem[] } {
  let before: OpenApiDocument | undefined;
  try {
    before = snapshot === undefined ? undefined : (JSON.parse(snapshot) as OpenApiDocument);
  } catch {
    before = undefined;
  }
  const changes = before === undefined ? [] : diffSpecs(before, document);
  return {
    bump: bumpFor(changes),
    ...reviewChanges(changes, { ...inputs, before: before ?? document, after: document }),
  };
}

/** The entries of the provider's accepted-changes.yaml, when it has one. */
function readAcceptedChanges(input: ProviderInputs): AcceptedChange[] | undefined {
  const text = input.files.get(ACCEPTED_CHANGES_FILE);
  if (text === undefined) return undefined;
  const file = path.join(input.folder, ACCEPTED_CHANGES_FILE);
  return loadAcceptedChanges(displayPath(file), file, text);
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

/**
 * @unitask/tasks: the umbrella over every provider with a normalization mapping, in name order. Each spec is
 * loaded and its mapping checked again (a mapping that no longer fits is an error here as in its own package);
 * `providerVersion` gives the version its package has after this run.
 */
export async function buildTasksPackage(
  inputs: readonly ProviderInputs[],
  specsDir: string,
  providerVersion: (name: string) => string | undefined,
  versions: DependencyVersions,
  settings: PackageSettings,
  files: StagedFiles,
): Promise<BuiltPackage> {
  const providers: TaskProvider[] = [];
  const problems: Problem[] = [];
  for (const input of [...inputs].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    try {
      const { document } = await loadSpec(
        path.join(input.folder, input.specFileName),
        input.folder,
        input.files.get(input.specFileName)!,
      );
      const manifestText = input.files.get(MANIFEST_FILE);
      const manifestPath = path.join(input.folder, MANIFEST_FILE);
      const { manifest } = readManifest(
        input.name,
        manifestText === undefined ? undefined : parseText(manifestText, manifestPath, displayPath(manifestPath)),
      );
      const specLabel = `${path.basename(specsDir)}/${input.name}/${input.specFileName}`;
      const model = buildProviderModel(document, manifest, specLabel);
      const { mapping } = readMapping(input, document);
      if (mapping) providers.push(taskProviderOf(model, mapping, providerVersion(input.name) ?? manifest.version));
    } catch (error) {
      if (!(error instanceof GenerateError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new GenerateError(problems);
  const emitted = emitTasksPackage(providers, versions, {
    packageName: `${settings.scope}/tasks`,
    runtimePackage: settings.runtimePackage,
    publishing: publishing("tasks", settings, packageLicense(undefined, settings.license)),
  });
  await stageFormatted(files, emitted);
  // The umbrella moves with the core package it is released beside.
  return { version: versions.core, warnings: [], changes: [] };
}

/**
 * The core package: the hand-written runtime/src, copied, with its package files. Its version moves by
 * what changed in the runtime since the previous core package, with a CHANGELOG entry saying what.
 */
export async function buildCorePackage(
  runtimeFiles: ReadonlyMap<string, string>,
  previous: PreviousState & {
    /** The previous package's src/ folder: path relative to it → text. */
    sources: ReadonlyMap<string, string>;
  },
  versions: DependencyVersions,
  settings: PackageSettings,
  staged: StagedFiles,
): Promise<BuiltPackage> {
  const packageName = settings.runtimePackage;
  const copyHeader = (relative: string) => `${copiedHeader(`runtime/src/${relative}`, "runtime/src/")}\n`;
  const previousRuntime = new Map(
    [...previous.sources].map(([relative, text]) => [relative, text.replace(copyHeader(relative), "")]),
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
      // Spans when the application has the OpenTelemetry API; the testing entry's tools only in a package's own
      // tests: all optional.
      optionalPeerDependencies: { "@opentelemetry/api": "^1.0.0", ...versions.testing },
      typescript: versions.typescript,
      hasSpec: false,
      internalEntry: true,
      testingEntry: true,
    }),
  );
  files.set("tsconfig.json", emitTsconfig({ nodeTypes: true }));
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
  // The copies of runtime/src are kept as they are: npm test's `prettier --check` holds them to the one config.
  await stageFormatted(staged, files, (relative) => !relative.startsWith("src/"));
  return { version, warnings: [], changes: [] };
}

async function stageFormatted(
  staged: StagedFiles,
  files: ReadonlyMap<string, string>,
  shouldFormat: (relative: string) => boolean = () => true,
): Promise<void> {
  for (const [relative, text] of files)
    staged.add(relative, shouldFormat(relative) ? await formatFile(relative, text) : text);
}
