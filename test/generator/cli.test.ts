// The command line: what a user types and reads. Exit codes, --help, and errors on stderr. It runs the
// compiled CLI, as an installed unitask does, so it builds it first.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, hashTree, minimalSpec, repoRoot, unitask, unitaskBin } from "./workspace.js";

beforeAll(() => {
  execFileSync("npm", ["run", "build:cli", "--silent"], { cwd: repoRoot, stdio: "pipe" });
}, 60_000);

describe("unitask generate", { timeout: 120_000 }, () => {
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

  it("loads no package (no compiler, parser or formatter) when nothing changed", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    await unitask(["generate"], workspace.root);
    const hook = path.join(workspace.root, "loaded-files.cjs");
    writeFileSync(
      hook,
      'process.on("exit", () => process.stderr.write(JSON.stringify(Object.keys(require.cache))));\n',
    );
    for (const args of [["generate"], ["generate", "--check"]]) {
      const run = spawnSync("node", ["-r", hook, unitaskBin, ...args], { cwd: workspace.root, encoding: "utf8" });
      expect(run.status).toBe(0);
      const loaded = (JSON.parse(run.stderr.slice(run.stderr.lastIndexOf("["))) as string[])
        .filter((file) => file !== hook)
        .map((file) => path.relative(repoRoot, file));
      expect(loaded).toContain("dist/cli.cjs");
      // The CLI and the chunks it starts with: no package, and no chunk split off to load when a package is rebuilt.
      expect(loaded.filter((file) => !/^dist\/(cli|chunk-\w+)\.cjs$/.test(file))).toEqual([]);
    }
  });

  it("exits 1 with the stale files listed when --check finds a difference", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    await unitask(["generate"], workspace.root);
    workspace.write("mini", "openapi.yaml", minimalSpec().replace("title: Mini", "title: Changed"));
    const before = hashTree(workspace.outDir);
    const { code, stderr } = await unitask(["generate", "--check"], workspace.root);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^generated is stale: \d+ files differ from a fresh generation \(run unitask generate\):$/m);
    expect(stderr).toContain("  generated/mini/README.md");
    expect(hashTree(workspace.outDir)).toEqual(before);
  }, 60_000);

  it("exits 1 and prints the problem with its place for a bad spec", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", "openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n");
    const { code, stderr } = await unitask(["generate"], workspace.root);
    expect(code).toBe(1);
    expect(stderr.split("\n").slice(-3)).toEqual([
      "specs/mini/openapi.yaml:2 #/info: The field `version` must be present on this level.",
      "unitask: 1 error; nothing was written.",
      "",
    ]);
  });

  it("exits 2 with usage for an unknown option", async () => {
    const { code, stderr } = await unitask(["generate", "--colour"], repoRoot);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "unitask: unknown option --colour; see unitask generate --help\nRun unitask --help for usage.\n",
    );
  });

  it("prints a summary line on stderr, and with --quiet only what changed", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    const first = await unitask(["generate"], workspace.root);
    expect(first.stderr).toMatch(
      /^unitask: 2 packages, 2 generated, 0 up to date \(\d+ files changed\) in \d+\.\d s$/m,
    );
    // Not a terminal: progress comes as plain lines, one per stage.
    expect(first.stderr).toMatch(/^mini: emit \(\d+\.\d s\)$/m);
    expect(await unitask(["generate", "--quiet"], workspace.root)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("reads unitask.config.json: package names, license, repository, default folders", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    writeFileSync(
      path.join(workspace.root, "unitask.config.json"),
      JSON.stringify({
        specs: "specs",
        out: "packages",
        scope: "@acme",
        runtimePackage: "@acme/runtime",
        license: "Apache-2.0",
        repository: "https://github.com/acme/clients",
      }),
    );
    expect((await unitask(["generate", "-q"], workspace.root)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(workspace.root, "packages/mini/package.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "@acme/mini",
      license: "Apache-2.0",
      repository: { type: "git", url: "git+https://github.com/acme/clients.git", directory: "packages/mini" },
      peerDependencies: { "@acme/runtime": "^0.1.0" },
    });
    expect(readFileSync(path.join(workspace.root, "packages/mini/src/client.ts"), "utf8")).toContain(
      'from "@acme/runtime"',
    );
    expect(readFileSync(path.join(workspace.root, "packages/mini/LICENSE"), "utf8")).toBe(
      "@acme/mini is licensed under Apache-2.0.\n\nhttps://spdx.org/licenses/Apache-2.0.html\n",
    );
    expect(JSON.parse(readFileSync(path.join(workspace.root, "packages/core/package.json"), "utf8")).name).toBe(
      "@acme/runtime",
    );
  });

  it("exits 1 naming the file, line and field of a bad config", async () => {
    const workspace = createWorkspace();
    writeFileSync(path.join(workspace.root, "unitask.config.json"), '{\n  "scope": "acme"\n}\n');
    expect(await unitask(["generate"], workspace.root)).toEqual({
      code: 1,
      stdout: "",
      stderr:
        'unitask.config.json:2 #/scope: must be an npm scope such as "@acme" (got "acme")\nunitask: 1 error; nothing was written.\n',
    });
  });
});

describe("unitask", { timeout: 60_000 }, () => {
  it.each([
    ["--version", { given: ["--version"], want: /^\d+\.\d+\.\d+\n$/ }],
    ["-h", { given: ["-h"], want: /^Usage: unitask <command> \[options\]\n/ }],
    [
      "generate -h",
      { given: ["generate", "-h"], want: /^ {2}-q, --quiet {2,}Print only changes, warnings and errors$/m },
    ],
  ])("prints %s on stdout", async (_name, { given, want }) => {
    const { code, stdout } = await unitask(given, repoRoot);
    expect(code).toBe(0);
    expect(stdout).toMatch(want);
  });

  it("suggests the command meant", async () => {
    expect(await unitask(["genrate"], repoRoot)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'unitask: unknown command "genrate" (did you mean "generate"?); commands: generate, diff, task\nRun unitask --help for usage.\n',
    });
  });
});

describe("unitask generate --watch", () => {
  it("regenerates on a change, reports a bad save without touching the output, and stops on Ctrl-C", async () => {
    const workspace = createWorkspace();
    workspace.write("mini", "openapi.yaml", minimalSpec());
    const child = spawn("node", [unitaskBin, "generate", "--watch"], { cwd: workspace.root });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const waitFor = async (pattern: RegExp, from: number): Promise<number> => {
      const deadline = Date.now() + 60_000;
      while (!pattern.test(output.slice(from))) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return output.length;
    };
    try {
      let seen = await waitFor(/Watching specs for changes/, 0);
      const before = hashTree(workspace.outDir);

      // A save caught mid-write: the first half is not a valid spec; the rest lands within the debounce.
      const renamed = minimalSpec().replace("title: Mini", "title: Renamed");
      workspace.write("mini", "openapi.yaml", renamed.slice(0, 60));
      workspace.write("mini", "openapi.yaml", renamed);
      seen = await waitFor(/^mini: generated \(\d+ files changed\)$/m, seen);
      expect(output).not.toMatch(/error/);
      expect(readFileSync(path.join(workspace.outDir, "mini/README.md"), "utf8")).toContain("(spec: Renamed 1.0.0)");

      // A save that stays broken is reported, and the output stays as it was.
      const afterRename = hashTree(workspace.outDir);
      expect(afterRename).not.toEqual(before);
      workspace.write("mini", "openapi.yaml", "openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n");
      seen = await waitFor(/unitask: 1 error; nothing was written\./, seen);
      expect(hashTree(workspace.outDir)).toEqual(afterRename);

      workspace.write("mini", "openapi.yaml", minimalSpec());
      await waitFor(/^mini: generated/m, seen);
    } finally {
      child.kill("SIGINT");
    }
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
  }, 120_000);
});
