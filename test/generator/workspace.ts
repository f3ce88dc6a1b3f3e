// Temporary spec folders and output trees for generator tests.
import { createHash } from "node:crypto";
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll } from "vitest";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface Workspace {
  root: string;
  specsDir: string;
  outDir: string;
  /** Writes `specs/<provider>/<file>`. */
  write(provider: string, file: string, text: string): void;
}

const createdRoots: string[] = [];
afterAll(() => {
  for (const root of createdRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A temp folder with `specs/` (optionally copies of the real providers) and `generated/`, removed after the file's tests. */
export function createWorkspace(copyProviders: readonly string[] = []): Workspace {
  const root = mkdtempSync(path.join(tmpdir(), "unitask-test-"));
  createdRoots.push(root);
  const specsDir = path.join(root, "specs");
  mkdirSync(specsDir);
  for (const provider of copyProviders)
    cpSync(path.join(repoRoot, "specs", provider), path.join(specsDir, provider), { recursive: true });
  return {
    root,
    specsDir,
    outDir: path.join(root, "generated"),
    write(provider, file, text) {
      mkdirSync(path.dirname(path.join(specsDir, provider, file)), { recursive: true });
      writeFileSync(path.join(specsDir, provider, file), text);
    },
  };
}

/** Relative path → sha256 of every file under `dir`, to assert a tree is untouched. */
export function hashTree(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, absolute)] = createHash("sha256").update(readFileSync(absolute)).digest("hex");
  }
  return result;
}

/** A minimal valid OpenAPI 3.1 document with one operation; `extra` is merged at the top level. */
export function minimalSpec(extra = ""): string {
  return `openapi: 3.1.0
info:
  title: Mini
  version: 1.0.0
servers:
  - url: https://mini.example.test
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      parameters:
        - name: thingId
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Thing'
components:
  schemas:
    Thing:
      type: object
      properties:
        id:
          type: string
${extra}`;
}

/** Type-checks one generated package against the runtime's sources; returns tsc's output ("" when clean). */
export function typecheckPackage(packageDir: string): string {
  return typecheckPackages([packageDir]);
}

/** Type-checks generated packages in one tsc run (their `src/`); returns tsc's output ("" when clean). */
export function typecheckPackages(packageDirs: readonly string[]): string {
  const packageDir = packageDirs[0]!;
  const tsconfig = path.join(packageDir, "tsconfig.check.json");
  const { compilerOptions } = JSON.parse(readFileSync(path.join(repoRoot, "tsconfig.json"), "utf8")) as {
    compilerOptions: object;
  };
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        ...compilerOptions,
        baseUrl: undefined,
        paths: {
          "@unitask/core": [path.join(repoRoot, "runtime/src/index.ts")],
          "@unitask/core/internal": [path.join(repoRoot, "runtime/src/internal.ts")],
          "openapi-fetch": [path.join(repoRoot, "node_modules/openapi-fetch/dist/index.d.mts")],
        },
        typeRoots: [path.join(repoRoot, "node_modules/@types")],
      },
      include: packageDirs.map((dir) => path.join(dir, "src")),
    }),
  );
  try {
    execFileSync("node", [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", tsconfig], {
      cwd: packageDir,
      encoding: "utf8",
      stdio: "pipe",
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}

/** The command `npx unitask` runs: the compiled generator, dist/cli.cjs. */
export const unitaskBin = path.join(repoRoot, "dist/cli.cjs");

/** Runs the `unitask` bin (dist/cli.cjs) with `args` in `cwd`: its exit code and output. */
export async function unitask(
  args: string[],
  cwd: string,
  timeoutMs = 60_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [unitaskBin, ...args], { cwd, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** Runs a command; a failure shows what it printed. */
export function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
