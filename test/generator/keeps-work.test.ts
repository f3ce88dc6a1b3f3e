// A build step never destroys work on a guess: the slips a user makes with --specs, or a provider folder that
// went missing, stop the run with a message and exit 1, and leave generated/ byte for byte as it was. Only
// --prune retires a package, and no run deletes a file unitask did not write.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, hashTree, minimalSpec, unitask, type Workspace } from "./workspace.js";

/** A workspace with two generated providers, a file of the user's at the top of generated/ and one in a package. */
async function generatedWorkspace(): Promise<Workspace> {
  const workspace = createWorkspace();
  workspace.write("alpha", "openapi.yaml", minimalSpec());
  workspace.write("beta", "openapi.yaml", minimalSpec().replace("title: Mini", "title: Beta"));
  expect((await unitask(["generate"], workspace.root)).code).toBe(0);
  writeFileSync(path.join(workspace.outDir, "NOTES.md"), "kept by the user\n");
  writeFileSync(path.join(workspace.outDir, "beta/LOCAL.md"), "kept by the user\n");
  return workspace;
}

describe("a run that would remove packages on a guess is refused, and generated/ is untouched", () => {
  const slips: Array<[string, { given: (workspace: Workspace) => string[]; want: RegExp[] }]> = [
    [
      "--specs naming one provider's folder instead of the folder above it",
      {
        given: () => ["generate", "--specs", "specs/beta"],
        want: [/^specs\/beta: no provider folder found: it holds a spec itself.*\(--specs specs\)$/m],
      },
    ],
    [
      "--specs naming an empty folder",
      {
        given: (workspace) => {
          mkdirSync(path.join(workspace.root, "empty"));
          return ["generate", "--specs", "empty"];
        },
        want: [/^empty: no provider folder found: expected one folder per provider/m],
      },
    ],
    [
      "--specs naming a folder with fewer providers than were generated",
      {
        given: (workspace) => {
          cpSync(path.join(workspace.specsDir, "alpha"), path.join(workspace.root, "some/alpha"), { recursive: true });
          return ["generate", "--specs", "some"];
        },
        want: [/^generated\/beta: was generated from some\/beta, which is not there: .*--prune/m],
      },
    ],
    [
      "a provider folder deleted, without --prune",
      {
        given: (workspace) => {
          rmSync(path.join(workspace.specsDir, "alpha"), { recursive: true });
          return ["generate"];
        },
        want: [/^generated\/alpha: was generated from specs\/alpha, which is not there/m],
      },
    ],
    [
      "the same, with --check",
      {
        given: (workspace) => {
          rmSync(path.join(workspace.specsDir, "alpha"), { recursive: true });
          return ["generate", "--check"];
        },
        want: [/^generated\/alpha: was generated from specs\/alpha/m],
      },
    ],
  ];

  it.each(slips)(
    "%s",
    async (_name, { given, want }) => {
      const workspace = await generatedWorkspace();
      const before = hashTree(workspace.outDir);
      const args = given(workspace);
      const result = await unitask(args, workspace.root);
      expect(result.code).toBe(1);
      for (const pattern of want) expect(result.stderr).toMatch(pattern);
      expect(result.stderr).toMatch(/nothing was written\.$/m);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(hashTree(workspace.outDir)).toEqual(before);
    },
    120_000,
  );
});

describe("--prune", () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await generatedWorkspace();
  }, 120_000);

  it("removes exactly the files unitask wrote for a provider whose folder is gone, and says so", async () => {
    rmSync(path.join(workspace.specsDir, "beta"), { recursive: true });
    const before = hashTree(workspace.outDir);
    const result = await unitask(["generate", "--prune"], workspace.root);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^beta: removed \(\d+ files\)$/m);
    const after = hashTree(workspace.outDir);
    const removed = Object.keys(before).filter((file) => !(file in after));
    expect(removed.length).toBeGreaterThan(5);
    expect(removed.every((file) => file.startsWith("beta/"))).toBe(true);
    expect(Object.keys(after).filter((file) => file.startsWith("beta/"))).toEqual(["beta/LOCAL.md"]);
    expect(after["NOTES.md"]).toBe(before["NOTES.md"]);
  }, 120_000);

  it("still refuses a --specs folder with no provider at all", async () => {
    const before = hashTree(workspace.outDir);
    const result = await unitask(["generate", "--prune", "--specs", "specs/alpha"], workspace.root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^specs\/alpha: no provider folder found/m);
    expect(hashTree(workspace.outDir)).toEqual(before);
  }, 120_000);
});

describe("regenerating a package", () => {
  it("keeps the files in it that unitask did not write, and a comment-only spec edit changes only provenance", async () => {
    const workspace = await generatedWorkspace();
    mkdirSync(path.join(workspace.outDir, "beta/dist"));
    writeFileSync(path.join(workspace.outDir, "beta/dist/index.js"), "built\n");
    workspace.write("beta", "openapi.yaml", `# a comment\n${minimalSpec().replace("title: Mini", "title: Beta")}`);
    const before = hashTree(workspace.outDir);
    const result = await unitask(["generate"], workspace.root);
    expect(result.code).toBe(0);
    const after = hashTree(workspace.outDir);
    const changed = Object.keys(after).filter((file) => after[file] !== before[file]);
    expect(changed).toEqual(["beta/unitask.json"]);
    expect(after["beta/LOCAL.md"]).toBe(before["beta/LOCAL.md"]);
    expect(after["beta/dist/index.js"]).toBe(before["beta/dist/index.js"]);
  }, 120_000);
});
