// The generator, top to bottom: read inputs → skip what is unchanged → build the rest, staging each file
// as it is made (build.ts: load → confine refs → validate → bundle → model → emit → format) → write
// atomically. Only the first and the last stage touch the output folder; a failure anywhere before the
// write leaves it exactly as it was.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BuiltPackage, DependencyVersions, PreviousState } from "./build.js";
import { defaultPackageSettings, type PackageSettings } from "./config.js";
import type { SpecChange } from "./diff/index.js";
import {
  discoverProviders,
  displayPath,
  folderEntries,
  getGeneratorFingerprint,
  MAPPING_FILE,
  packageRoot,
  readFolder,
  readProviderInputs,
  readTextIfPresent,
  sha256,
  SPEC_FILE_NAMES,
  type ProviderInputs,
} from "./inputs.js";
import { GenerateError, hasErrors, type Problem } from "./problems.js";
import { FileHashes } from "./file-hashes.js";
import { Spool, type StagedFiles } from "./staged-files.js";
import type { PackageUpdate } from "./write.js";

export const CORE_PACKAGE = "core";
/** The umbrella over the providers with a normalization mapping; generated on full runs when there is one. */
export const TASKS_PACKAGE = "tasks";
/** The version of a core package generated for the first time. */
export const FIRST_CORE_VERSION = "0.1.0";
/** The packages @unitask/core/testing imports, and the Prism CLI it starts: a provider's dev dependencies. */
const TESTING_DEPENDENCIES = ["@stoplight/prism-cli", "@types/node", "ajv", "ajv-formats", "vitest"];
const PROVENANCE_FILE = "unitask.json";

export interface GenerateOptions {
  specsDir: string;
  outDir: string;
  /** Only these providers; all when absent. */
  providers?: readonly string[];
  /** Write nothing; report what differs from a fresh generation. */
  check?: boolean;
  /** Rebuild every package even when its recorded fingerprint says it is up to date. */
  force?: boolean;
  /** Remove the packages whose spec folder is gone; without it, such a package stops the run. */
  prune?: boolean;
  /** Fail, writing nothing, when a spec change is breaking and not accepted in accepted-changes.yaml. */
  failOnBreaking?: boolean;
  /** Warnings are errors: a spec with any finding generates nothing. */
  strict?: boolean;
  /** Package names, license and repository (unitask.config.json); @unitask/… by default. */
  packages?: PackageSettings;
  /** Called as each package that needs building enters a stage (load, validate, emit, format…). */
  onProgress?: (packageName: string, stage: string) => void;
  /** Where to remember the hashes of output files between runs, so an unchanged run need not read them. */
  hashCacheFile?: string;
}

export interface PackageOutcome {
  name: string;
  state: "unchanged" | "generated" | "removed";
  /** Files added, changed or removed, relative to the output folder. */
  changedFiles: string[];
  warnings: Problem[];
  /** The spec's changes since the package was last generated, most severe first. */
  changes: SpecChange[];
}

export interface GenerateResult {
  packages: PackageOutcome[];
  /** Files that differ from the output on disk (written, or in check mode stale). */
  changedFiles: string[];
}

/** unitask.json: where a package came from, and the hashes that make an unchanged re-run free. */
interface Provenance {
  generator: string;
  fingerprint: string;
  spec?: { file: string; sha256: string };
  files: Record<string, string>;
}

interface PackageOnDisk {
  folder: string;
  /** The files unitask wrote there: those its unitask.json lists, and unitask.json itself. */
  owned: string[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  // Every file built is staged there until the write moves it into the output; whatever is left goes.
  const spool = options.check ? Spool.none() : Spool.beside(options.outDir);
  try {
    return await generateWith(options, spool);
  } finally {
    spool.remove();
  }
}

async function generateWith(options: GenerateOptions, spool: Spool): Promise<GenerateResult> {
  const specsDir = path.resolve(options.specsDir);
  const outDir = path.resolve(options.outDir);
  const available = await discoverProviders(specsDir);
  if (available.length === 0) throw new GenerateError([noProvidersProblem(specsDir)]);
  const selected = selectProviders(available, options.providers, specsDir);
  const settings = options.packages ?? defaultPackageSettings();
  // The settings change every package.json, so they are part of every package's fingerprint.
  const generatorFingerprint = sha256(`${await getGeneratorFingerprint()}\0${JSON.stringify(settings)}`);
  const hashes = options.hashCacheFile ? FileHashes.load(options.hashCacheFile) : FileHashes.uncached();
  const inputs = await collectInputs(specsDir, selected, generatorFingerprint, settings, hashes);
  const rootPackage = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const versions: DependencyVersions = {
    core: "",
    openapiFetch: rootPackage.dependencies["openapi-fetch"]!,
    typescript: rootPackage.dependencies["typescript"]!,
    testing: Object.fromEntries(
      TESTING_DEPENDENCIES.map((name) => [name, rootPackage.dependencies[name] ?? rootPackage.devDependencies[name]!]),
    ),
  };

  const outcomes: PackageOutcome[] = [];
  const updates: PackageUpdate[] = [];
  const problems: Problem[] = [];
  /** The version each package built in this run has; the others keep the one on disk. */
  const builtVersions = new Map<string, string>();
  const versionOf = (name: string) => builtVersions.get(name) ?? versionOnDisk(path.join(outDir, name));

  const plan = async (
    name: string,
    /** The input named when building fails unexpectedly: the spec, or runtime/src for core. */
    source: string,
    fingerprint: string,
    build: (onDisk: PackageOnDisk, files: StagedFiles) => Promise<BuiltPackage>,
  ): Promise<void> => {
    const packageDir = path.join(outDir, name);
    const recorded = readProvenance(packageDir);
    if (!options.force && isUpToDate(packageDir, recorded, fingerprint, hashes)) {
      outcomes.push({ name, state: "unchanged", changedFiles: [], warnings: [], changes: [] });
      return;
    }
    const onDisk = packageOnDisk(packageDir, recorded);
    const files = spool.files(name);
    try {
      options.onProgress?.(name, "build");
      const built = await build(onDisk, files);
      if (options.failOnBreaking) problems.push(...(await breakingProblems(specsDir, name, built.changes)));
      if (options.strict && built.warnings.length > 0)
        throw new GenerateError(built.warnings.map((warning) => ({ ...warning, severity: "error" as const })));
      builtVersions.set(name, built.version);
      addProvenance(
        files,
        fingerprint,
        rootPackage.version,
        files.has("spec/openapi.json") ? inputs.find((input) => input.name === name) : undefined,
        specsDir,
      );
      const changed = filesChanged(onDisk, files, hashes).map((file) => `${name}/${file}`);
      outcomes.push({
        name,
        state: changed.length > 0 ? "generated" : "unchanged",
        changedFiles: changed,
        warnings: built.warnings,
        changes: built.changes,
      });
      if (changed.length > 0) updates.push({ name, files, owned: onDisk.owned });
    } catch (error) {
      problems.push(...(error instanceof GenerateError ? error.problems : [unexpectedFailure(source, error)]));
    }
  };

  await plan(CORE_PACKAGE, "runtime/src", sha256(`${generatorFingerprint}\0${CORE_PACKAGE}`), async (onDisk, files) => {
    const { buildCorePackage } = await import("./build.js");
    const runtime = await readFolder(path.join(packageRoot, "runtime/src"));
    const sources = await readFolder(path.join(onDisk.folder, "src"));
    return buildCorePackage(runtime, { ...previousState(onDisk), sources }, versions, settings, files);
  });
  // The providers depend on the core version just written, or the one already on disk.
  versions.core = versionOf(CORE_PACKAGE) ?? FIRST_CORE_VERSION;
  for (const input of inputs) {
    await plan(
      input.name,
      displayPath(path.join(input.folder, input.specFileName)),
      // The core version is in the package (a peer dependency range): a new one rebuilds the package.
      sha256(`${input.fingerprint}\0${versions.core}`),
      async (onDisk, files) => {
        const { buildProviderPackage } = await import("./build.js");
        const report = (stage: string) => options.onProgress?.(input.name, stage);
        return buildProviderPackage(input, specsDir, previousState(onDisk), versions, settings, files, report);
      },
    );
  }
  const mapped = options.providers ? [] : inputs.filter((input) => input.fileHashes.has(MAPPING_FILE));
  // After a provider failed, the umbrella would only repeat its problems.
  if (mapped.length > 0 && !hasErrors(problems)) {
    const fingerprint = sha256(
      [generatorFingerprint, TASKS_PACKAGE, versions.core, ...mapped.map((input) => input.fingerprint)].join("\0"),
    );
    await plan(TASKS_PACKAGE, displayPath(specsDir), fingerprint, async (_, files) => {
      const { buildTasksPackage } = await import("./build.js");
      return buildTasksPackage(mapped, specsDir, versionOf, versions, settings, files);
    });
  }
  if (hasErrors(problems)) throw new GenerateError(withoutRepeats(problems));

  // A package whose spec folder is gone is removed only when asked (--prune), on a full run: a mistyped
  // --specs must not take packages and their CHANGELOG history with it. The umbrella package has no folder of
  // its own: it goes when no provider has a mapping any more.
  const orphans = options.providers ? [] : findOrphanedPackages(outDir, [CORE_PACKAGE, TASKS_PACKAGE, ...available]);
  if (orphans.length > 0 && !options.prune) throw new GenerateError(orphans.map(orphanProblem(outDir, specsDir)));
  const umbrellaRetired = !options.providers && mapped.length === 0;
  for (const name of umbrellaRetired ? [...orphans, TASKS_PACKAGE] : orphans) {
    const packageDir = path.join(outDir, name);
    const { owned } = packageOnDisk(packageDir, readProvenance(packageDir));
    if (owned.length === 0) continue;
    outcomes.push({
      name,
      state: "removed",
      changedFiles: owned.map((file) => `${name}/${file}`).sort(),
      warnings: [],
      changes: [],
    });
    updates.push({ name, owned });
  }

  const changedFiles = outcomes.flatMap((outcome) => outcome.changedFiles);
  if (!options.check && updates.length > 0) {
    const { writeAtomically } = await import("./write.js");
    await writeAtomically(outDir, updates);
  }
  hashes.save();
  return { packages: outcomes, changedFiles };
}

/** Each problem once: an output folder that cannot be written is the same problem for every package. */
function withoutRepeats(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = [problem.severity, problem.code, problem.file, problem.pointer, problem.message].join("\0");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One error per breaking change nobody accepted, naming the entry that would accept it. */
async function breakingProblems(specsDir: string, name: string, changes: readonly SpecChange[]): Promise<Problem[]> {
  // Imported here, as build.js is: an unchanged run never loads the diff (nor the YAML parser it reads with).
  const { ACCEPTED_CHANGES_FILE, unacceptedBreaking } = await import("./diff/index.js");
  const acceptedFile = displayPath(path.join(specsDir, name, ACCEPTED_CHANGES_FILE));
  return unacceptedBreaking(changes).map((change) => ({
    code: "breaking-change",
    severity: "error",
    file: acceptedFile,
    pointer: "",
    message: `${change.message}; to accept it, add { rule: ${change.rule}, pointer: "${change.pointer}", reason: ... } under changes:`,
  }));
}

/**
 * A failure no check foresaw (a library choking on some input) still becomes a message naming the input,
 * never a stack trace; the other packages are still built and reported.
 */
function unexpectedFailure(file: string, error: unknown): Problem {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    code: "unexpected-failure",
    severity: "error",
    file,
    pointer: "",
    message: `unitask could not build a package from this input (${reason.split("\n")[0]}); please report it with the file`,
  };
}

function selectProviders(available: string[], requested: readonly string[] | undefined, specsDir: string): string[] {
  if (!requested || requested.length === 0) return available;
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new GenerateError(
      unknown.map((name) => ({
        code: "provider-unknown",
        severity: "error",
        file: displayPath(specsDir),
        pointer: "",
        message: `unknown provider "${name}" (known: ${available.join(", ") || "none"})`,
      })),
    );
  }
  return [...new Set(requested)].sort();
}

async function collectInputs(
  specsDir: string,
  names: string[],
  generatorFingerprint: string,
  settings: PackageSettings,
  hashes: FileHashes,
): Promise<ProviderInputs[]> {
  const problems: Problem[] = [];
  const inputs: ProviderInputs[] = [];
  for (const name of names) {
    if (name === CORE_PACKAGE || name === TASKS_PACKAGE) {
      problems.push({
        code: "provider-name-reserved",
        severity: "error",
        file: displayPath(path.join(specsDir, name)),
        pointer: "",
        message: `"${name}" is reserved for the generated ${name === CORE_PACKAGE ? settings.runtimePackage : `${settings.scope}/${name}`} package: rename the folder`,
      });
      continue;
    }
    try {
      inputs.push(await readProviderInputs(specsDir, name, generatorFingerprint, hashes));
    } catch (error) {
      if (!(error instanceof GenerateError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return inputs;
}

/** Adds unitask.json, which records the hash of every other file. */
function addProvenance(
  files: StagedFiles,
  fingerprint: string,
  version: string,
  input: ProviderInputs | undefined,
  specsDir: string,
): void {
  const provenance: Provenance = {
    generator: `unitask ${version}`,
    fingerprint,
    ...(input
      ? {
          spec: {
            file: `${path.basename(specsDir)}/${input.name}/${input.specFileName}`,
            sha256: input.fileHashes.get(input.specFileName)!,
          },
        }
      : {}),
    files: Object.fromEntries(files.paths().map((relative) => [relative, files.hashOf(relative)!])),
  };
  files.add(PROVENANCE_FILE, `${JSON.stringify(provenance, null, 2)}\n`);
}

function packageOnDisk(packageDir: string, provenance: Provenance | undefined): PackageOnDisk {
  const owned = provenance ? [...Object.keys(provenance.files), PROVENANCE_FILE] : [];
  return { folder: packageDir, owned };
}

/** The package's unitask.json; undefined when it has none, or one that does not parse. */
function readProvenance(packageDir: string): Provenance | undefined {
  const text = readPackageFile(packageDir, PROVENANCE_FILE);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Provenance> | null;
    return parsed && typeof parsed.files === "object" && parsed.files !== null ? (parsed as Provenance) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Same inputs, same generator, and none of the files it wrote touched since: nothing to do. Reads only what it
 * must: a file whose size and modification time the hash cache knows is not read again.
 */
function isUpToDate(
  packageDir: string,
  recorded: Provenance | undefined,
  fingerprint: string,
  hashes: FileHashes,
): boolean {
  if (!recorded || recorded.fingerprint !== fingerprint) return false;
  return Object.entries(recorded.files).every(([file, hash]) => hashes.hash(path.join(packageDir, file)) === hash);
}

function previousState({ folder }: PackageOnDisk): PreviousState {
  return {
    version: versionOnDisk(folder),
    changelog: readPackageFile(folder, "CHANGELOG.md"),
    readSpecSnapshot: () => readPackageFile(folder, "spec/openapi.json"),
  };
}

function readPackageFile(packageDir: string, file: string): string | undefined {
  return readTextIfPresent(path.join(packageDir, file));
}

/** The version in the package's package.json; undefined when there is none or it does not parse. */
function versionOnDisk(packageDir: string): string | undefined {
  try {
    return (JSON.parse(readPackageFile(packageDir, "package.json") ?? "{}") as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Packages unitask generated (they hold a unitask.json) whose provider is not among `current`. */
function findOrphanedPackages(outDir: string, current: string[]): string[] {
  return folderEntries(outDir)
    .filter(
      (entry) =>
        entry.isDirectory() &&
        !current.includes(entry.name) &&
        readProvenance(path.join(outDir, entry.name)) !== undefined,
    )
    .map((entry) => entry.name)
    .sort();
}

function orphanProblem(outDir: string, specsDir: string): (name: string) => Problem {
  return (name) => ({
    code: "package-orphaned",
    severity: "error",
    file: displayPath(path.join(outDir, name)),
    pointer: "",
    message: `was generated from ${displayPath(path.join(specsDir, name))}, which is not there: restore that folder, check --specs, or run with --prune to remove the package (its CHANGELOG history goes with it)`,
  });
}

/** Why a specs folder with no provider in it is an error, with the likely slip named. */
function noProvidersProblem(specsDir: string): Problem {
  const holdsSpec = folderEntries(specsDir).some((entry) => SPEC_FILE_NAMES.includes(entry.name));
  const hint = holdsSpec
    ? `it holds a spec itself, so it looks like one provider's folder: --specs names the folder above it (--specs ${displayPath(path.dirname(specsDir))})`
    : `expected one folder per provider, each holding ${SPEC_FILE_NAMES.join(", ")}`;
  return {
    code: "providers-none",
    severity: "error",
    file: displayPath(specsDir),
    pointer: "",
    message: `no provider folder found: ${hint}`,
  };
}

/** The files unitask owns or writes that differ between the package on disk and `after`, by their hashes. */
function filesChanged(onDisk: PackageOnDisk, after: StagedFiles, hashes: FileHashes): string[] {
  const names = new Set([...onDisk.owned, ...after.paths()]);
  return [...names].filter((name) => hashes.hash(path.join(onDisk.folder, name)) !== after.hashOf(name)).sort();
}
