// writeAtomically: the output folder is either the old tree or the new one, never a mix.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Spool, type StagedFiles } from "../../generator/staged-files.js";
import { writeAtomically } from "../../generator/write.js";
import { createWorkspace, hashTree } from "./workspace.js";

/** A package's files staged as a run stages them, in a spool beside `outDir`. */
function staged(spool: Spool, name: string, files: Record<string, string>): StagedFiles {
  const staging = spool.files(name);
  for (const [relative, text] of Object.entries(files)) staging.add(relative, text);
  return staging;
}

function existingOutput(): { outDir: string; parent: string } {
  const workspace = createWorkspace();
  for (const name of ["kept", "replaced"]) {
    mkdirSync(path.join(workspace.outDir, name, "src"), { recursive: true });
    writeFileSync(path.join(workspace.outDir, name, "src/index.ts"), `export const name = "${name}";\n`);
  }
  return { outDir: workspace.outDir, parent: workspace.root };
}

describe("writeAtomically", () => {
  it("writes new packages, replaces what it owned, retires packages, and keeps everything else", async () => {
    const { outDir, parent } = existingOutput();
    writeFileSync(path.join(outDir, "README.md"), "the user's notes\n");
    writeFileSync(path.join(outDir, "replaced/NOTES.md"), "not unitask's\n");
    writeFileSync(path.join(outDir, "replaced/src/old.ts"), "export {};\n");
    const spool = Spool.beside(outDir);
    await writeAtomically(outDir, [
      { name: "fresh", files: staged(spool, "fresh", { "src/index.ts": "export {};\n" }), owned: [] },
      {
        name: "replaced",
        files: staged(spool, "replaced", { "src/index.ts": "export const v = 2;\n" }),
        owned: ["src/index.ts", "src/old.ts"],
      },
      { name: "kept", owned: ["src/index.ts"] },
    ]);
    spool.remove();
    expect(Object.keys(hashTree(outDir)).sort()).toEqual([
      "README.md",
      "fresh/src/index.ts",
      "replaced/NOTES.md",
      "replaced/src/index.ts",
    ]);
    expect(readdirSync(outDir).sort()).toEqual(["README.md", "fresh", "replaced"]);
    expect(readdirSync(parent).sort()).toEqual(["generated", "specs"]);
  });

  it("keeps a retired package's folder when it holds files unitask did not write", async () => {
    const { outDir } = existingOutput();
    mkdirSync(path.join(outDir, "kept/dist"));
    writeFileSync(path.join(outDir, "kept/dist/index.js"), "built\n");
    await writeAtomically(outDir, [{ name: "kept", owned: ["src/index.ts"] }]);
    expect(Object.keys(hashTree(outDir)).sort()).toEqual(["kept/dist/index.js", "replaced/src/index.ts"]);
  });

  it("leaves the previous output exactly as it was when writing fails half-way", async () => {
    const { outDir, parent } = existingOutput();
    writeFileSync(path.join(outDir, "replaced/NOTES.md"), "not unitask's\n");
    const before = hashTree(outDir);
    // The second file cannot be moved in: a file unitask did not write has the name of its folder.
    const spool = Spool.beside(outDir);
    const files = staged(spool, "replaced", { "a.ts": "export {};\n", "NOTES.md/b.ts": "export {};\n" });
    await expect(writeAtomically(outDir, [{ name: "replaced", files, owned: ["src/index.ts"] }])).rejects.toThrow(
      /EISDIR|EEXIST|ENOTDIR/,
    );
    spool.remove();
    expect(hashTree(outDir)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(["generated", "specs"]);
  });
});
