// A real, large spec: GitHub's published REST API description (13 MB of JSON, over a thousand
// operations, 3.0 `nullable` quirks and all) generates a package whose sources type-check.
import { cpSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { createWorkspace, typecheckPackage } from "./workspace.js";

const githubSpec = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");

describe("GitHub's REST API spec", () => {
  it("generates a client of every operation, with warnings for its nits, that type-checks", async () => {
    const workspace = createWorkspace();
    workspace.write("github", ".keep", "");
    cpSync(githubSpec, path.join(workspace.specsDir, "github/openapi.json"));

    const result = await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
    const github = result.packages.find((outcome) => outcome.name === "github")!;
    expect(github.state).toBe("generated");
    expect(github.warnings.length).toBeGreaterThan(0);
    expect(
      github.warnings.every(
        (warning) =>
          warning.severity === "warning" &&
          /^specs\/github\/openapi\.json:\d+ #\//.test(
            `${warning.file}:${warning.line} ${warning.pointer}`.replace(/^.*?specs\//, "specs/"),
          ),
      ),
    ).toBe(true);

    const spec = JSON.parse(readFileSync(githubSpec, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const operationCount = Object.values(spec.paths).flatMap((item) =>
      Object.keys(item).filter((key) =>
        ["get", "put", "post", "delete", "options", "head", "patch", "trace"].includes(key),
      ),
    ).length;
    const client = readFileSync(path.join(workspace.outDir, "github/src/client.ts"), "utf8");
    // One entry per operation in operationSpecs (a file this large keeps ts-morph's formatting, keys quoted).
    expect(client.match(/^\s+"?operationId"?: /gm)?.length).toBe(operationCount);
    expect(client).toContain(
      "reposGet(owner: string | number, repo: string | number, options?: ReposGetOptions): Promise<ReposGetData>;",
    );

    expect(typecheckPackage(path.join(workspace.outDir, "github"))).toBe("");
  }, 240_000);
});
