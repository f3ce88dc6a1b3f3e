// The generator, top to bottom: read inputs → skip what is unchanged → build the rest in memory
// (build.ts: load → confine refs → validate → bundle → model → emit → format) → write atomically.
// Only the first and the last stage touch the output folder; a failure anywhere before the write
// leaves it exactly as it was.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BuiltPackage, DependencyVersions, PreviousState } from "./build.js";
import { defaultPackageSettings, type PackageSettings } from "./config.js";
import type { SpecChange } from "./diff/index.js";
import {
  discoverProviders,
  displayPath,
  getGeneratorFingerprint,
  packageRoot,
  readFolder,
  readProviderInputs,
  sha256,
  type ProviderInputs,
} from "./inputs.js";
import { GenerateError, hasErrors, type Problem } from "./problems.js";
import { FileHashes } from "./file-hashes.js";
import { listPackageFiles, readPackageFiles, writeAtomically, type FileMap } from "./write.js";

export const CORE_PACKAGE = "core";
/** The version of a core package generated for the first time. */
export const FIRST_CORE_VERSION = "0.1.0";
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
  files: Map<string, string>;
  provenance?: Provenance;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const specsDir = path.resolve(options.specsDir);
  const outDir = path.resolve(options.outDir);
  const available = await discoverProviders(specsDir);
  const selected = selectProviders(available, options.providers, specsDir);
  const settings = options.packages ?? defaultPackageSettings();
  // The settings change every package.json, so they are part of every package's fingerprint.
  const generatorFingerprint = sha256(`${await getGeneratorFingerprint()}\0${JSON.stringify(settings)}`);
  const inputs = await collectInputs(specsDir, selected, generatorFingerprint, settings);
  const rootPackage = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as {
    version: string;
    dependencies: Record<string, string>;
  };
  const versions: DependencyVersions = {
    core: "",
    openapiFetch: rootPackage.dependencies["openapi-fetch"]!,
    typescript: rootPackage.dependencies["typescript"]!,
  };

  const hashes = options.hashCacheFile ? await FileHashes.load(options.hashCacheFile) : FileHashes.uncached();
  const outcomes: PackageOutcome[] = [];
  const written = new Map<string, FileMap>();
  const problems: Problem[] = [];

  const plan = async (
    name: string,
    fingerprint: string,
    build: (onDisk: PackageOnDisk) => Promise<BuiltPackage>,
  ): Promise<void> => {
    if (!options.force && isUpToDate(path.join(outDir, name), fingerprint, hashes)) {
      outcomes.push({ name, state: "unchanged", changedFiles: [], warnings: [], changes: [] });
      return;
    }
    const onDisk = await readPackageOnDisk(path.join(outDir, name));
    try {
      options.onProgress?.(name, "build");
      const built = await build(onDisk);
      const files = withProvenance(
        built.files,
        fingerprint,
        rootPackage.version,
        built.files.has("spec/openapi.json") ? inputs.find((input) => input.name === name) : undefined,
        specsDir,
      );
      const changed = diffFileMaps(onDisk.files, files).map((file) => `${name}/${file}`);
      outcomes.push({
        name,
        state: changed.length > 0 ? "generated" : "unchanged",
        changedFiles: changed,
        warnings: built.warnings,
        changes: built.changes,
      });
      if (changed.length > 0) written.set(name, files);
    } catch (error) {
      if (!(error instanceof GenerateError)) throw error;
      problems.push(...error.problems);
    }
  };

  await plan(CORE_PACKAGE, sha256(`${generatorFingerprint}\0${CORE_PACKAGE}`), async (onDisk) => {
    const { buildCorePackage } = await import("./build.js");
    const runtime = await readFolder(path.join(packageRoot, "runtime/src"));
    return buildCorePackage(runtime, { ...previousState(onDisk), files: onDisk.files }, versions, settings);
  });
  // The providers depend on the core version just written, or the one already on disk.
  const corePackageJson =
    written.get(CORE_PACKAGE)?.get("package.json") ?? readPackageJson(path.join(outDir, CORE_PACKAGE));
  versions.core = packageVersion(corePackageJson) ?? FIRST_CORE_VERSION;
  for (const input of inputs) {
    await plan(input.name, input.fingerprint, async (onDisk) => {
      const { buildProviderPackage } = await import("./build.js");
      const report = (stage: string) => options.onProgress?.(input.name, stage);
      return buildProviderPackage(input, specsDir, previousState(onDisk), versions, settings, report);
    });
  }
  if (hasErrors(problems)) throw new GenerateError(problems);

  // A provider whose folder is gone takes its package with it (on a full run only).
  const packagesOnDisk = await discoverProviders(outDir).catch(() => [] as string[]);
  const retired = options.providers
    ? []
    : await findRetiredPackages(outDir, packagesOnDisk, [CORE_PACKAGE, ...available]);
  for (const name of retired) {
    const files = [...(await readPackageOnDisk(path.join(outDir, name))).files.keys()].map((file) => `${name}/${file}`);
    outcomes.push({ name, state: "removed", changedFiles: files.sort(), warnings: [], changes: [] });
  }

  const changedFiles = outcomes.flatMap((outcome) => outcome.changedFiles);
  if (!options.check && changedFiles.length > 0) {
    const kept = packagesOnDisk.filter((name) => !written.has(name) && !retired.includes(name));
    await writeAtomically(outDir, written, kept);
  }
  await hashes.save();
  return { packages: outcomes, changedFiles };
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
): Promise<ProviderInputs[]> {
  const problems: Problem[] = [];
  const inputs: ProviderInputs[] = [];
  for (const name of names) {
    if (name === CORE_PACKAGE) {
      problems.push({
        code: "provider-name-reserved",
        severity: "error",
        file: displayPath(path.join(specsDir, name)),
        pointer: "",
        message: `"${CORE_PACKAGE}" is reserved for the shared ${settings.runtimePackage} package: rename the folder`,
      });
      continue;
    }
    try {
      inputs.push(await readProviderInputs(specsDir, name, generatorFingerprint));
    } catch (error) {
      if (!(error instanceof GenerateError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new GenerateError(problems);
  return inputs;
}

function withProvenance(
  files: Map<string, string>,
  fingerprint: string,
  version: string,
  input: ProviderInputs | undefined,
  specsDir: string,
): Map<string, string> {
  const sorted = [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const provenance: Provenance = {
    generator: `unitask ${version}`,
    fingerprint,
    ...(input
      ? {
          spec: {
            file: `${path.basename(specsDir)}/${input.name}/${input.specFileName}`,
            sha256: sha256(input.files.get(input.specFileName)!),
          },
        }
      : {}),
    files: Object.fromEntries(sorted.map(([relative, text]) => [relative, sha256(text)])),
  };
  return new Map([...sorted, [PROVENANCE_FILE, `${JSON.stringify(provenance, null, 2)}\n`]]);
}

async function readPackageOnDisk(packageDir: string): Promise<PackageOnDisk> {
  const files = await readPackageFiles(packageDir);
  try {
    const text = files.get(PROVENANCE_FILE);
    return { files, provenance: text ? (JSON.parse(text) as Provenance) : undefined };
  } catch {
    return { files };
  }
}

/** Same inputs, same generator, and no file touched since: nothing to do. Reads only what it must. */
function isUpToDate(packageDir: string, fingerprint: string, hashes: FileHashes): boolean {
  let recorded: Provenance;
  try {
    recorded = JSON.parse(readFileSync(path.join(packageDir, PROVENANCE_FILE), "utf8")) as Provenance;
  } catch {
    return false;
  }
  if (recorded.fingerprint !== fingerprint) return false;
  const files = listPackageFiles(packageDir).filter((file) => file !== PROVENANCE_FILE);
  return (
    files.length === Object.keys(recorded.files).length &&
    files.every((file) => recorded.files[file] === hashes.hash(path.join(packageDir, file)))
  );
}

function previousState(onDisk: PackageOnDisk): PreviousState {
  return {
    version: packageVersion(onDisk.files.get("package.json")),
    changelog: onDisk.files.get("CHANGELOG.md"),
    specSnapshot: onDisk.files.get("spec/openapi.json"),
  };
}

function readPackageJson(packageDir: string): string | undefined {
  try {
    return readFileSync(path.join(packageDir, "package.json"), "utf8");
  } catch {
    return undefined;
  }
}

/** The version in the text of a package.json; undefined when there is none or it does not parse. */
function packageVersion(packageJson: string | undefined): string | undefined {
  try {
    return (JSON.parse(packageJson ?? "{}") as { version?: string }).version;
  } catch {
    return undefined;
  }
}

async function findRetiredPackages(outDir: string, onDisk: string[], current: string[]): Promise<string[]> {
  const retired: string[] = [];
  for (const name of onDisk) {
    if (current.includes(name)) continue;
    const generatedByUs = await readFile(path.join(outDir, name, PROVENANCE_FILE), "utf8").then(
      () => true,
      () => false,
    );
    if (generatedByUs) retired.push(name);
  }
  return retired;
}

function diffFileMaps(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}
