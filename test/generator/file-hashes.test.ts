// The hash cache behind an unchanged run: a file whose size and mtime match its entry is not read again;
// any other file is, and a file too fresh to trust is never remembered.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileHashes } from "../../generator/file-hashes.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const anHourAgo = new Date(Date.now() - 3_600_000);

function fixture(): { dir: string; file: string; cache: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "unitask-hashes-"));
  const file = path.join(dir, "a.ts");
  writeFileSync(file, "export const a = 1;\n");
  utimesSync(file, anHourAgo, anHourAgo);
  return { dir, file, cache: path.join(dir, "cache/hashes.json") };
}

describe("FileHashes", () => {
  it("hashes a file's bytes, and gives undefined for a missing file", () => {
    const { dir, file } = fixture();
    const hashes = FileHashes.uncached();
    expect(hashes.hash(file)).toBe(sha256("export const a = 1;\n"));
    expect(hashes.hash(path.join(dir, "missing.ts"))).toBeUndefined();
  });

  it.each([
    ["same size and mtime: trusts the entry", { edit: "export const b = 2;\n", keepMtime: true, cached: true }],
    ["same size, new mtime: reads again", { edit: "export const b = 2;\n", keepMtime: false, cached: false }],
    ["new size, same mtime: reads again", { edit: "export const b = 22;\n", keepMtime: true, cached: false }],
  ])("%s", (_name, { edit, keepMtime, cached }) => {
    const { file, cache } = fixture();
    const first = FileHashes.load(cache);
    const before = first.hash(file);
    first.save();

    writeFileSync(file, edit);
    const mtime = keepMtime ? anHourAgo : new Date(Date.now() - 60_000);
    utimesSync(file, mtime, mtime);
    const second = FileHashes.load(cache);
    expect(second.hash(file)).toBe(cached ? before : sha256(edit));
  });

  it("does not remember a file written within the last second", () => {
    const { dir, file, cache } = fixture();
    const fresh = path.join(dir, "fresh.ts");
    writeFileSync(fresh, "export {};\n");
    const hashes = FileHashes.load(cache);
    hashes.hash(fresh);
    hashes.hash(file);
    hashes.save();
    expect(Object.keys(JSON.parse(readFileSync(cache, "utf8")))).toEqual([file]);
  });

  it("starts empty from a cache file that is not JSON", () => {
    const { file, cache, dir } = fixture();
    writeFileSync(path.join(dir, "broken.json"), "{");
    expect(FileHashes.load(path.join(dir, "broken.json")).hash(file)).toBe(sha256("export const a = 1;\n"));
    expect(existsSync(cache)).toBe(false);
  });
});
