// Stage 6, write: the only stage that changes the output folder. The new tree is built beside it
// and swapped in with renames, so a failed run leaves the previous output exactly as it was.
import { randomBytes } from "node:crypto";
import { readdirSync, type Dirent } from "node:fs";
import { cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/** Relative path → content, for one package. */
export type FileMap = ReadonlyMap<string, string>;

/**
 * What builds leave inside a package (`tsc` output, installs, `npm pack` tarballs): never compared.
 * A package that is regenerated loses them, as they were built from its previous sources.
 */
export const BUILD_FOLDERS = new Set(["dist", "node_modules"]);
const BUILD_FILE = /\.tgz$/;

/**
 * Replaces `outDir` with: the packages in `kept` copied from the current `outDir`, plus `written`.
 * Packages in neither are removed.
 */
export async function writeAtomically(
  outDir: string,
  written: ReadonlyMap<string, FileMap>,
  kept: readonly string[],
): Promise<void> {
  const parent = path.dirname(path.resolve(outDir));
  const staging = path.join(parent, `.unitask-tmp-${path.basename(outDir)}-${randomBytes(4).toString("hex")}`);
  const retired = `${staging}-old`;
  try {
    await mkdir(staging, { recursive: true });
    for (const name of kept) await cp(path.join(outDir, name), path.join(staging, name), { recursive: true });
    for (const [name, files] of written) {
      for (const [relativePath, content] of files) {
        const target = path.join(staging, name, relativePath);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content);
      }
    }
    const hadOutput = await rename(outDir, retired).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    try {
      await rename(staging, outDir);
    } catch (error) {
      if (hadOutput) await rename(retired, outDir);
      throw error;
    }
    if (hadOutput) await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The files of one package on disk, build folders excluded; empty when the package does not exist. */
export async function readPackageFiles(packageDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const relative of listPackageFiles(packageDir))
    files.set(relative, await readFile(path.join(packageDir, relative), "utf8"));
  return files;
}

/** The relative paths of one package's files, build folders excluded, unsorted. */
export function listPackageFiles(packageDir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(packageDir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(packageDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((relative) => !BUILD_FOLDERS.has(relative.split("/")[0]!) && !BUILD_FILE.test(relative));
}
