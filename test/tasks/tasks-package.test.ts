// The generator's side of @unitask/tasks: which providers it covers, and how it follows specs/ from run to run
// with no hand edit: a provider added with a mapping joins, one without a mapping stays out, and the package
// goes when no mapping is left.
import { cpSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { GenerateError } from "../../generator/problems.js";
import { createWorkspace, minimalSpec, repoRoot } from "../generator/workspace.js";

function readGenerated(outDir: string, file: string): string {
  return readFileSync(path.join(outDir, file), "utf8");
}

function providersIn(outDir: string): string[] {
  const registry = readGenerated(outDir, "tasks/package.json");
  return Object.keys((JSON.parse(registry) as { dependencies: Record<string, string> }).dependencies);
}

describe("@unitask/tasks across runs", () => {
  it("covers the providers with a mapping, takes in a new one, and goes with the last mapping", async () => {
    const workspace = createWorkspace(["quant"]);
    workspace.write("mini", "openapi.yaml", minimalSpec());
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(providersIn(workspace.outDir)).toEqual(["@unitask/quant"]);

    // A provider added with a mapping: a copy of Deck under another name.
    cpSync(path.join(repoRoot, "specs/deck"), path.join(workspace.specsDir, "acme-cloud"), { recursive: true });
    rmSync(path.join(workspace.specsDir, "acme-cloud/provider.yaml"));
    const result = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(result.packages.find((outcome) => outcome.name === "tasks")?.state).toBe("generated");
    expect(providersIn(workspace.outDir)).toEqual(["@unitask/acme-cloud", "@unitask/quant"]);
    const index = readGenerated(workspace.outDir, "tasks/src/index.ts");
    expect(index).toContain('"acme-cloud": createAcmeCloudTaskClient,');
    expect(index).toContain('({ provider: "acme-cloud" } & AcmeCloudTaskClientOptions)');
    expect(index).toContain('environmentVariable: "ACME_CLOUD_TOKEN"');
    expect(index).not.toContain("mini");
    expect(readGenerated(workspace.outDir, "tasks/README.md")).toContain("| `acme-cloud` | @unitask/acme-cloud |");

    const unchanged = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(unchanged.packages.find((outcome) => outcome.name === "tasks")?.state).toBe("unchanged");

    for (const provider of ["quant", "acme-cloud"])
      rmSync(path.join(workspace.specsDir, provider, "normalization.yaml"));
    const withoutMappings = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(withoutMappings.packages.find((outcome) => outcome.name === "tasks")?.state).toBe("removed");
    expect(() => readGenerated(workspace.outDir, "tasks/package.json")).toThrow();
  }, 60_000);

  it("depends on the version each provider package has after the run", async () => {
    const workspace = createWorkspace(["quant"]);
    workspace.write("quant", "provider.yaml", 'package: "@acme/quant-client"\nversion: 2.3.0\n');
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    expect(JSON.parse(readGenerated(workspace.outDir, "tasks/package.json"))).toMatchObject({
      dependencies: { "@acme/quant-client": "2.3.0" },
    });
    expect(readGenerated(workspace.outDir, "tasks/src/index.ts")).toContain('from "@acme/quant-client"');
    // The runtime is a peer, the same range as the provider packages ask for: one copy of it for all.
    const peers = (pkg: string) =>
      (JSON.parse(readGenerated(workspace.outDir, pkg)) as { peerDependencies: Record<string, string> })
        .peerDependencies;
    expect(peers("tasks/package.json")).toEqual(peers("quant/package.json"));
  }, 60_000);

  it("is not generated on a run limited to some providers, and is kept as it was", async () => {
    const workspace = createWorkspace(["quant", "deck"]);
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const before = readGenerated(workspace.outDir, "tasks/src/index.ts");
    const result = await generate({
      specsDir: workspace.specsDir,
      outDir: workspace.outDir,
      providers: ["deck"],
      force: true,
    });
    expect(result.packages.map((outcome) => outcome.name)).toEqual(["core", "deck"]);
    expect(readGenerated(workspace.outDir, "tasks/src/index.ts")).toBe(before);
  }, 60_000);

  it("reserves the name tasks: a provider folder called so is an error naming it", async () => {
    const workspace = createWorkspace();
    workspace.write("tasks", "openapi.yaml", minimalSpec());
    const error = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GenerateError);
    expect((error as GenerateError).problems.map((problem) => [problem.code, problem.message])).toEqual([
      ["provider-name-reserved", '"tasks" is reserved for the generated @unitask/tasks package: rename the folder'],
    ]);
  });
});
