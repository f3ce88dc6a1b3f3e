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
  it("swaps in the new packages and the kept ones, and drops the rest", async () => {
    const { outDir, parent } = existingOutput();
    await writeAtomically(outDir, new Map([["fresh", new Map([["src/index.ts", "export {};\n"]])]]), ["kept"]);
    expect(Object.keys(hashTree(outDir)).sort()).toEqual(["fresh/src/index.ts", "kept/src/index.ts"]);
    expect(readdirSync(parent).sort()).toEqual(["generated", "specs"]);
  });

  it("leaves the previous output exactly as it was when writing fails half-way", async () => {
    const { outDir, parent } = existingOutput();
    const before = hashTree(outDir);
    // The second file cannot be written: its path is taken by a folder the first one needed.
    const files = new Map([
      ["src/a/b.ts", "export {};\n"],
      ["src/a", "export {};\n"],
    ]);
    await expect(writeAtomically(outDir, new Map([["replaced", files]]), ["kept"])).rejects.toThrow(/EISDIR/);
    expect(hashTree(outDir)).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(["generated", "specs"]);
  });
});
