// writeAtomically: the output folder is either the old tree or the new one, never a mix.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomically } from "../../generator/write.js";
import { createWorkspace, hashTree } from "./workspace.js";

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
    await writeAtomically(outDir, [
      { name: "fresh", files: new Map([["src/index.ts", "export {};\n"]]), owned: [] },
      {
        name: "replaced",
        files: new Map([["src/index.ts", "export const v = 2;\n"]]),
        owned: ["src/index.ts", "src/old.ts"],
      },
      { name: "kept", owned: ["src/index.ts"] },
    ]);
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
    const before = hashTree(outDir);
    // The second file cannot be written: its path is taken by a folder the first one needed.
    const files = new Map([
      ["src/a/b.ts", "export {};\n"],
      ["src/a", "export {};\n"],
    ]);
    await expect(writeAtomically(outDir, [{ name: "replaced", files, owned: ["src/index.ts"] }])).rejects.toThrow(
      /EISDIR|EEXIST|ENOTDIR/,
    );
    expect(hashTree(outDir)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(["generated", "specs"]);
  });
});
