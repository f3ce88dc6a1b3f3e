// The command line: what a user types and reads. Exit codes, --help, and errors on stderr.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createWorkspace, hashTree, minimalSpec, repoRoot } from "./workspace.js";

const bin = path.join(repoRoot, "bin/unitask.js");

async function unitask(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [bin, ...args], { cwd, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe("unitask generate", () => {
  it("documents every option in --help", async () => {
    const { code, stdout } = await unitask(["generate", "--help"], repoRoot);
    expect(code).toBe(0);
    for (const option of ["--specs", "--out", "--provider", "--check", "--strict", "--help"])
      expect(stdout).toContain(option);
  });

  it("generates, then says every package is up to date, then --check passes", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    const first = await unitask(["generate"], workspace.root);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain("mini: generated (");
    const second = await unitask(["generate"], workspace.root);
    expect(second.stdout).toBe("core: up to date\nmini: up to date\n");
    expect((await unitask(["generate", "--check"], workspace.root)).code).toBe(0);
  });

  it("exits 1 with the stale files listed when --check finds a difference", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    await unitask(["generate"], workspace.root);
    workspace.write("mini", "openapi.yaml", minimalSpec().replace("title: Mini", "title: Changed"));
    const before = hashTree(workspace.outDir);
    const { code, stderr } = await unitask(["generate", "--check"], workspace.root);
    expect(code).toBe(1);
    expect(stderr).toContain("generated is stale; these files differ from a fresh generation (run npm run generate):");
    expect(stderr).toContain("  generated/mini/README.md");
    expect(hashTree(workspace.outDir)).toEqual(before);
  }, 60_000);

  it("exits 1 and prints the problem with its place for a bad spec", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", "openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n");
    const { code, stderr } = await unitask(["generate"], workspace.root);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "specs/mini/openapi.yaml:2 #/info: The field `version` must be present on this level.\nunitask: 1 error; nothing was written.\n",
    );
  });

  it("exits 2 with usage for an unknown option", async () => {
    const { code, stderr } = await unitask(["generate", "--colour"], repoRoot);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown argument: colour");
  });
});
