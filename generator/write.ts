// Stage 6, write: the only stage that changes the output folder. The new tree is built beside it
// and swapped in with renames, so a failed run leaves the previous output exactly as it was.
// unitask changes only the files it wrote (listed in each package's unitask.json): anything else in the
// output folder (a user's notes, a build's dist/, a workspace's package.json) is carried over as it is.
import { cp, mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { pathBesideOutput, type StagedFiles } from "./staged-files.js";

/** One package to write or retire. */
export interface PackageUpdate {
  name: string;
  /** The package's new files; absent to retire the package. */
  files?: StagedFiles;
  /** The files unitask wrote there before (relative): replaced by `files`, removed when not among them. */
  owned: readonly string[];
}

/** Applies `updates` to a copy of `outDir`, then swaps the copy in. */
export async function writeAtomically(outDir: string, updates: readonly PackageUpdate[]): Promise<void> {
  const staging = pathBesideOutput(outDir);
  const retired = `${staging}-old`;
  try {
    const hadOutput = await cp(outDir, staging, { recursive: true, verbatimSymlinks: true }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return false;
        throw error;
      },
    );
    await mkdir(staging, { recursive: true });
    for (const update of updates) await applyUpdate(path.join(staging, update.name), update);
    if (hadOutput) await rename(outDir, retired);
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

async function applyUpdate(packageDir: string, update: PackageUpdate): Promise<void> {
  const obsolete = update.owned.filter((relative) => !update.files?.has(relative));
  for (const relative of obsolete) await rm(path.join(packageDir, relative), { force: true });
  await removeEmptyFolders(packageDir, obsolete);
  update.files?.moveInto(packageDir);
}

/** Removes the folders that removing `files` left empty, deepest first, up to and including `packageDir`. */
async function removeEmptyFolders(packageDir: string, files: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const relative of files) {
    for (let folder = path.dirname(relative); folder !== "."; folder = path.dirname(folder)) folders.add(folder);
  }
  const deepestFirst = [...folders].sort((a, b) => b.split("/").length - a.split("/").length || (a < b ? -1 : 1));
  for (const folder of [...deepestFirst, "."]) {
    const absolute = path.join(packageDir, folder);
    if ((await readdir(absolute).catch(() => ["?"])).length === 0) await rmdir(absolute);
  }
}
