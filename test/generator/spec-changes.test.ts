// Re-running after an upstream spec changes: the change report, the semver bump, the CHANGELOG
// entry, the mapping drift check, and `unitask diff`.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { formatProblem, GenerateError } from "../../generator/problems.js";
import { createWorkspace, hashTree, repoRoot, type Workspace } from "./workspace.js";

function editSpec(workspace: Workspace, provider: string, edit: (text: string) => string): void {
  const file = path.join(workspace.specsDir, provider, "openapi.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  workspace.write(provider, "openapi.yaml", after);
}

const read = (workspace: Workspace, file: string) => readFileSync(path.join(workspace.outDir, file), "utf8");

describe("a changed upstream spec", () => {
  it("reports the changes, bumps the version by their severity and adds a CHANGELOG entry", async () => {
    const workspace = createWorkspace(["deck"]);
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(JSON.parse(read(workspace, "deck/package.json")).version).toBe("0.1.0");

    editSpec(workspace, "deck", (text) =>
      text.replace(
        "        request_id:\n          type: string\n          description: >-\n            Unique identifier for the API request.",
        "        region:\n          type: string\n          description: Where the task runs.\n        request_id:\n          type: string\n          description: >-\n            Unique identifier for the API request.",
      ),
    );
    const added = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const deck = added.packages.find((outcome) => outcome.name === "deck")!;
    expect(deck.changes.map((change) => change.message)).toEqual([
      "GET /tasks/{task_id} 200 response: added field `region` (non-breaking)",
    ]);
    expect(JSON.parse(read(workspace, "deck/package.json")).version).toBe("0.1.1");
    expect(read(workspace, "deck/CHANGELOG.md")).toContain(
      "## 0.1.1\n\n### Other changes\n\n- GET /tasks/{task\\_id} 200 response: added field `region`\n  - Hits: `getTask`; `GetTaskData` at `region`\n\n## 0.1.0\n",
    );

    editSpec(workspace, "deck", (text) => text.replace("        - name\n        - prompt\n", "        - prompt\n"));
    const loosened = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(
      loosened.packages.find((outcome) => outcome.name === "deck")!.changes.map((change) => change.severity),
    ).toEqual(["breaking"]);
    expect(JSON.parse(read(workspace, "deck/package.json")).version).toBe("0.2.0");
    const changelog = read(workspace, "deck/CHANGELOG.md");
    expect(changelog.indexOf("## 0.2.0")).toBeLessThan(changelog.indexOf("## 0.1.1"));

    // The bumped package is what a forced, byte-for-byte check of the same inputs expects.
    expect(
      (await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir, check: true, force: true }))
        .changedFiles,
    ).toEqual([]);
  });

  it("bumps nothing, reports nothing and rewrites nothing when re-run without a change", async () => {
    const workspace = createWorkspace(["quant"]);
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const before = hashTree(workspace.outDir);
    const result = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(result.packages.flatMap((outcome) => outcome.changes)).toEqual([]);
    expect(hashTree(workspace.outDir)).toEqual(before);
  });

  it("warns about a new status value the mapping does not map, and generates", async () => {
    const workspace = createWorkspace(["quant"]);
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    editSpec(workspace, "quant", (text) => text.replace("cancelled, blocked]", "cancelled, blocked, paused]"));
    const result = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const quant = result.packages.find((outcome) => outcome.name === "quant")!;
    expect(quant.warnings.map(formatProblem).join("\n")).toMatch(
      /specs\/quant\/normalization\.yaml(:\d+)? #\/status\/values: quant: .*"paused".*unknown/,
    );
    expect(quant.changes.map((change) => change.message)).toEqual([
      "GET /api/v3/organizations/{organisation}/ai/tasks/{taskId} 200 response: added enum value `paused` to field `status` (potentially breaking)",
    ]);
    expect(JSON.parse(read(workspace, "quant/package.json")).version).toBe("0.2.0");
  });

  it("fails, naming the provider, the mapping entry and the field, when a mapped field is dropped; generated/ is untouched", async () => {
    const workspace = createWorkspace(["eden", "quant"]);
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const before = hashTree(workspace.outDir);
    editSpec(workspace, "quant", (text) =>
      text
        .replace(/\n        progressMessage:\n          type: string\n/, "\n")
        .replace(/\n        progress:\n(          .*\n)+?(?=        \w)/, "\n"),
    );
    let message = "";
    try {
      await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    } catch (error) {
      if (!(error instanceof GenerateError)) throw error;
      message = error.problems.map(formatProblem).join("\n");
    }
    expect(message).toMatch(/specs\/quant\/normalization\.yaml:\d+ #\/progress(\/path)?: quant: .*\/progress.*/);
    expect(hashTree(workspace.outDir)).toEqual(before);
  });

  it("fails when a mapped status value is dropped from the spec's enum", async () => {
    const workspace = createWorkspace(["quant"]);
    editSpec(workspace, "quant", (text) => text.replace("cancelled, blocked]", "cancelled]"));
    await expect(generate({ specsDir: workspace.specsDir, outDir: workspace.outDir })).rejects.toThrow(
      /specs\/quant\/normalization\.yaml:\d+ #\/status\/values\/blocked: quant: mapped status value "blocked" is not in the spec's enum/,
    );
  });
});

describe("unitask diff", () => {
  const bin = path.join(repoRoot, "dist/cli.cjs");

  it("prints the report for any two specs, as text and as JSON", async () => {
    const workspace = createWorkspace(["eden"]);
    editSpec(workspace, "eden", (text) =>
      text.replace("                      cost:\n                        type: number\n", ""),
    );
    const args = [path.join(repoRoot, "specs/eden/openapi.yaml"), path.join(workspace.specsDir, "eden/openapi.yaml")];
    const text = await promisify(execFile)("node", [bin, "diff", ...args]);
    expect(text.stdout).toBe(
      "eden: 1 change (0 breaking, 1 potentially breaking, 0 non-breaking)\nPotentially breaking:\n  - GET /v2/tasks/{taskId} 200 response: removed optional field `task.cost` (potentially breaking)\n      hits: `getTask`; `GetTaskData` at `task.cost`\n\n",
    );
    const json = JSON.parse((await promisify(execFile)("node", [bin, "diff", "--json", ...args])).stdout);
    expect(json).toMatchObject({
      provider: "eden",
      counts: { "potentially-breaking": 1 },
      changes: [{ kind: "removed", severity: "potentially-breaking" }],
    });
  });

  it("prints that there are no changes for the same spec", async () => {
    const spec = path.join(repoRoot, "specs/deck/openapi.yaml");
    expect((await promisify(execFile)("node", [bin, "diff", spec, spec])).stdout).toBe("deck: no changes\n");
  });
});
