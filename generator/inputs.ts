// What a run reads before doing any work: the provider folders, their files, and the fingerprint
// of everything that decides a package's content. An unchanged fingerprint means nothing to do.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FileHashes } from "./file-hashes.js";
import { GenerateError, type Problem } from "./problems.js";

export const SPEC_FILE_NAMES = ["openapi.yaml", "openapi.yml", "openapi.json"];
export const MANIFEST_FILE = "provider.yaml";
export const MAPPING_FILE = "normalization.yaml";
/** A provider folder's name, which becomes its package name. */
export const PROVIDER_NAME = /^[a-z][a-z\d-]*$/;

export interface ProviderInputs {
  name: string;
  folder: string;
  specFileName: string;
  /** Every file in the folder, relative path → text: what the package is made from. Decoded on first use. */
  readonly files: Map<string, string>;
  /** Each of those files' sha256 by relative path, known without reading them (an unchanged run reads none). */
  fileHashes: ReadonlyMap<string, string>;
  fingerprint: string;
}

/**
 * unitask's own folder (the repository, or node_modules/unitask), which holds templates/ and runtime/src.
 * Computed here, one level below it, which holds for generator/*.ts and for the bundled dist/*.cjs alike.
 */
export const packageRoot = fileURLToPath(new URL("../", import.meta.url));
/** The folders whose files make the generator: a change to any of them regenerates every package. */
const GENERATOR_SOURCES = ["generator", "templates", "runtime/src"];
/** scripts/build.js too: it decides which TypeScript compiler the generator runs on. */
const GENERATOR_FILES = [".prettierrc.json", "package.json", "scripts/build.js"];
const GENERATOR_TOOLS = [
  "openapi-typescript",
  "ts-morph",
  "prettier",
  "handlebars",
  "@redocly/openapi-core",
  "openapi-fetch",
  "openapi-sampler",
  "api-smart-diff",
  "yaml",
];

export function displayPath(absolute: string): string {
  return path.relative(process.cwd(), absolute) || ".";
}

/** The folders in `specsDir`, sorted: each is a provider, and one without a spec is an error. */
export async function discoverProviders(specsDir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = readdirSync(specsDir, { withFileTypes: true });
  } catch (error) {
    throw new GenerateError([
      {
        code: "specs-missing",
        severity: "error",
        file: displayPath(specsDir),
        pointer: "",
        message: `cannot read the specs folder (${(error as NodeJS.ErrnoException).code})`,
      },
    ]);
  }
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
}

export async function readProviderInputs(
  specsDir: string,
  name: string,
  generatorFingerprint: string,
  hashes: FileHashes,
): Promise<ProviderInputs> {
  const folder = path.join(specsDir, name);
  const problems: Problem[] = [];
  if (!PROVIDER_NAME.test(name)) {
    problems.push({
      code: "provider-name-invalid",
      severity: "error",
      file: displayPath(folder),
      pointer: "",
      message: `provider folder name "${name}" must be lowercase letters, digits and dashes, starting with a letter (it becomes the package name)`,
    });
  }
  const fileNames = listFiles(folder).sort();
  const specFileName = SPEC_FILE_NAMES.find((candidate) => fileNames.includes(candidate));
  if (!specFileName) {
    problems.push({
      code: "spec-missing",
      severity: "error",
      file: displayPath(folder),
      pointer: "",
      message: `no spec found: expected one of ${SPEC_FILE_NAMES.join(", ")}`,
    });
  }
  if (problems.length > 0) throw new GenerateError(problems);
  // Each file's hash, remembered with its size and modification time (file-hashes.ts): an unchanged run reads
  // no spec at all, and a changed one reads it once more, as text, to build from.
  const fileHashes = new Map(fileNames.map((relative) => [relative, hashes.hash(path.join(folder, relative)) ?? ""]));
  const hash = createHash("sha256").update(generatorFingerprint);
  for (const [relative, sha256] of fileHashes) hash.update(`\0${relative}\0${sha256}`);
  let files: Map<string, string> | undefined;
  return {
    name,
    folder,
    specFileName: specFileName!,
    fingerprint: hash.digest("hex"),
    fileHashes,
    get files() {
      return (files ??= new Map(
        fileNames.map((relative) => [relative, readFileSync(path.join(folder, relative), "utf8")]),
      ));
    },
  };
}

/**
 * A hash of the generator's own files and the tool versions it runs, memoised per process. The
 * compiled CLI reads it from dist/fingerprint.json, written by the build, because an installed
 * unitask ships neither generator/ nor a lockfile to hash; run from source, it is computed.
 */
let generatorFingerprint: Promise<string> | undefined;
export function getGeneratorFingerprint(): Promise<string> {
  if (!generatorFingerprint) {
    try {
      const recorded = readFileSync(new URL("./fingerprint.json", import.meta.url), "utf8");
      generatorFingerprint = Promise.resolve((JSON.parse(recorded) as { fingerprint: string }).fingerprint);
    } catch {
      generatorFingerprint = computeGeneratorFingerprint();
    }
  }
  return generatorFingerprint;
}

export async function computeGeneratorFingerprint(): Promise<string> {
  const hash = createHash("sha256");
  // An installed unitask has no lockfile.
  const lock = JSON.parse(readTextIfPresent(path.join(packageRoot, "package-lock.json")) ?? "{}") as {
    packages?: Record<string, { version?: string }>;
  };
  for (const tool of GENERATOR_TOOLS)
    hash.update(`${tool}@${lock.packages?.[`node_modules/${tool}`]?.version ?? "?"}\0`);
  for (const source of GENERATOR_SOURCES) {
    for (const [relative, text] of await readFolder(path.join(packageRoot, source)))
      hash.update(`\0${source}/${relative}\0${text}`);
  }
  for (const file of GENERATOR_FILES)
    hash.update(`\0${file}\0${readTextIfPresent(path.join(packageRoot, file)) ?? ""}`);
  return hash.digest("hex");
}

/** The file's text; undefined when it cannot be read. */
export function readTextIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Every file under `folder`, relative POSIX path → text, sorted by path. */
export async function readFolder(folder: string): Promise<Map<string, string>> {
  return new Map(
    listFiles(folder)
      .sort()
      .map((relative) => [relative, readFileSync(path.join(folder, relative), "utf8")]),
  );
}

/** Every file under `folder`, as relative POSIX paths in no particular order; none when it cannot be read. */
export function listFiles(folder: string): string[] {
  return folderEntries(folder, true)
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** The entries in `folder` (and below it, if `recursive`); none when it cannot be read. */
export function folderEntries(folder: string, recursive = false): Dirent[] {
  try {
    return readdirSync(folder, { recursive, withFileTypes: true });
  } catch {
    return [];
  }
}
