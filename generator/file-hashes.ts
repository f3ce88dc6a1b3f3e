// The sha256 of files, remembered with their size and modification time, so that deciding whether an
// output package is untouched costs a stat per file rather than reading it (git's index does the same).
// Persisted only when the CLI names a cache file; an entry younger than a second is not trusted, as a
// write within the same timestamp tick could go unseen.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

interface Entry {
  size: number;
  mtimeMs: number;
  sha256: string;
}

const TRUST_AFTER_MS = 1000;

export class FileHashes {
  private dirty = false;
  /** The files asked about in this run: the only entries saved, so the cache never outgrows the output. */
  private readonly seen = new Set<string>();

  private constructor(
    private readonly cacheFile: string | undefined,
    private readonly entries: Record<string, Entry>,
  ) {}

  /** Hashes every file it is asked about; nothing is remembered between runs. */
  static uncached(): FileHashes {
    return new FileHashes(undefined, {});
  }

  /** Remembers hashes in `cacheFile`; a missing or unreadable cache starts empty. */
  static load(cacheFile: string): FileHashes {
    let entries: unknown;
    try {
      entries = JSON.parse(readFileSync(cacheFile, "utf8"));
    } catch {
      entries = undefined;
    }
    const valid = typeof entries === "object" && entries !== null && !Array.isArray(entries);
    return new FileHashes(cacheFile, valid ? (entries as Record<string, Entry>) : {});
  }

  /** The file's sha256, hex; undefined when it cannot be read. Synchronous: a stat is cheaper so. */
  hash(file: string): string | undefined {
    this.seen.add(file);
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return undefined;
    const known = this.entries[file];
    if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) return known.sha256;
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      return undefined;
    }
    const sha256 = createHash("sha256").update(content).digest("hex");
    if (this.cacheFile && stats.mtimeMs < Date.now() - TRUST_AFTER_MS) {
      this.entries[file] = { size: stats.size, mtimeMs: stats.mtimeMs, sha256 };
      this.dirty = true;
    }
    return sha256;
  }

  /** Writes the cache if it learnt anything; a cache that cannot be written is skipped. */
  save(): void {
    const kept = Object.entries(this.entries).filter(([file]) => this.seen.has(file));
    if (!this.cacheFile || (!this.dirty && kept.length === Object.keys(this.entries).length)) return;
    try {
      mkdirSync(path.dirname(this.cacheFile), { recursive: true });
      writeFileSync(this.cacheFile, JSON.stringify(Object.fromEntries(kept)));
    } catch {
      // The next run hashes those files again.
    }
  }
}
