// A package's new files from the moment each is emitted until the write stage: hashed at once and, on a run
// that writes, saved to a spool folder beside the output, so that only their hashes stay in memory. Microsoft
// Graph's package is 130 MB of text; held until the end, it was a third of the heap while openapi-typescript
// built its syntax tree, and the largest part of the run's peak. The output folder is still touched only by
// writeAtomically, which moves the spooled files in; a failed run removes the spool with everything in it.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { displayPath } from "./inputs.js";
import { GenerateError } from "./problems.js";

/** One folder per run for the files of every package it builds; created with the first file, if any. */
export class Spool {
  /** Named when the first package is staged: a run with nothing to build neither names nor removes it. */
  private root: string | undefined;

  private constructor(private readonly outDir: string | undefined) {}

  /** Beside `outDir`, on its file system, so that files are moved into the output by renaming them. */
  static beside(outDir: string): Spool {
    return new Spool(path.resolve(outDir));
  }

  /** Files are only hashed: for a run that writes nothing (--check). */
  static none(): Spool {
    return new Spool(undefined);
  }

  files(packageName: string): StagedFiles {
    if (this.outDir === undefined) return new StagedFiles(undefined);
    this.root ??= pathBesideOutput(this.outDir, "-files");
    return new StagedFiles({ folder: path.join(this.root, packageName), outDir: this.outDir });
  }

  /** Best effort: a spool that could not be made (its folder is not writable) must not hide why the run failed. */
  remove(): void {
    try {
      if (this.root) rmSync(this.root, { recursive: true, force: true });
    } catch {
      // Left where it is, a folder git ignores (.unitask-tmp-*).
    }
  }
}

export class StagedFiles {
  private readonly hashes = new Map<string, string>();

  /** Where the files are spooled, and the output folder they are for; none on a run that writes nothing. */
  constructor(private readonly spool: { folder: string; outDir: string } | undefined) {}

  /** Takes the text of the file at `relative` (a POSIX path in the package); a second add replaces the first. */
  add(relative: string, text: string): void {
    // Encoded once, for the hash and the file: Graph's package is 130 MB of text.
    const bytes = Buffer.from(text);
    this.hashes.set(relative, createHash("sha256").update(bytes).digest("hex"));
    if (this.spool === undefined) return;
    const { folder, outDir } = this.spool;
    const file = path.join(folder, relative);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    } catch (error) {
      throw new GenerateError([
        {
          code: "output-unwritable",
          severity: "error",
          file: displayPath(outDir),
          pointer: "",
          message: `cannot write the new files beside it, in ${displayPath(path.dirname(folder))} (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was written`,
        },
      ]);
    }
  }

  has(relative: string): boolean {
    return this.hashes.has(relative);
  }

  /** The sha256 of the file's text, hex. */
  hashOf(relative: string): string | undefined {
    return this.hashes.get(relative);
  }

  /** The files' paths, sorted. */
  paths(): string[] {
    return [...this.hashes.keys()].sort();
  }

  /** Moves every file into `packageDir`, replacing what is there. */
  moveInto(packageDir: string): void {
    if (this.spool === undefined) throw new Error("the files of a run that writes nothing cannot be moved");
    for (const relative of this.paths()) {
      const target = path.join(packageDir, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(path.join(this.spool.folder, relative), target);
    }
  }
}

/**
 * A fresh path beside `outDir` (`.unitask-tmp-<name>-<random><suffix>`, which git ignores), on its file system,
 * so that what is made there reaches the output by renames.
 */
export function pathBesideOutput(outDir: string, suffix = ""): string {
  const resolved = path.resolve(outDir);
  const name = `.unitask-tmp-${path.basename(resolved)}-${randomBytes(4).toString("hex")}${suffix}`;
  return path.join(path.dirname(resolved), name);
}
