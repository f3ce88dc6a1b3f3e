// `unitask task get|wait` run as a process, as a user runs it, against servers on 127.0.0.1 speaking each
// provider's wire format: what it prints, its exit code, and that the credential never shows.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { progressLine, runTaskCommand } from "../../generator/task-command.js";
import type { Provider } from "../normalization/providers.js";
import { repoRoot } from "../generator/workspace.js";
import {
  ORGANISATION,
  SECRET,
  startProviderServer,
  taskIds,
  type ProviderServer,
  type ProviderStep,
} from "./provider-server.js";

const unitask = path.join(repoRoot, "dist/cli.cjs");
const credentialVariables: Record<Provider, string> = {
  eden: "EDEN_API_KEY",
  quant: "QUANT_TOKEN",
  deck: "DECK_TOKEN",
  neo: "NEO_TOKEN",
};

let server: ProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `unitask task …` with only the given credentials in its environment (stdout and stderr are pipes). */
async function runTask(args: string[], credentials: Record<string, string>): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !Object.values(credentialVariables).includes(name)),
  );
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [unitask, "task", ...args], {
      cwd: repoRoot,
      env: { ...env, ...credentials },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The flags a provider needs besides its credential. */
function providerFlags(provider: Provider): string[] {
  return provider === "quant" ? ["--organisation", ORGANISATION] : [];
}

async function runAgainst(
  provider: Provider,
  steps: readonly ProviderStep[],
  action: "get" | "wait",
  extra: string[] = [],
  credential: string = SECRET,
): Promise<Run> {
  server = await startProviderServer(provider, steps);
  const args = [
    action,
    provider,
    taskIds[provider],
    "--base-url",
    server.baseUrl,
    ...providerFlags(provider),
    ...extra,
  ];
  const run = await runTask(args, { [credentialVariables[provider]]: credential });
  expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
  return run;
}

const running: Record<Provider, string> = { eden: "running", quant: "in_progress", deck: "learning", neo: "running" };

describe("unitask task get", { timeout: 30_000 }, () => {
  it.each(["eden", "quant", "deck", "neo"] as const)(
    "%s: prints the unified task as JSON and exits 0",
    async (provider) => {
      const run = await runAgainst(provider, [{ status: running[provider] }], "get");
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(run.stdout)).toMatchObject({
        provider,
        id: taskIds[provider],
        status: "running",
        providerStatus: running[provider],
        terminal: false,
      });
    },
  );

  it("--raw prints the provider's own body", async () => {
    const run = await runAgainst("quant", [{ status: "in_progress", progress: 0.5 }], "get", ["--raw"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ taskId: taskIds.quant, status: "in_progress", progress: 0.5 });
  });

  const failures: [
    string,
    { provider: Provider; steps: ProviderStep[]; credential?: string; want: { code: number; stderr: RegExp } },
  ][] = [
    [
      "a task that is not there (404)",
      { provider: "deck", steps: [{ httpStatus: 404 }], want: { code: 1, stderr: /HTTP 404/ } },
    ],
    [
      "a credential the server refuses (401), never printed",
      {
        provider: "neo",
        steps: [{ status: "running" }],
        credential: `${SECRET}-wrong`,
        want: { code: 1, stderr: /HTTP 401/ },
      },
    ],
  ];
  it.each(failures)("%s: exits 1 with the error on stderr", async (_, { provider, steps, credential, want }) => {
    const run = await runAgainst(provider, steps, "get", ["--interval", "0.01"], credential);
    expect(run.code).toBe(want.code);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(want.stderr);
  });

  it("names the missing environment variable, and exits 2", async () => {
    const run = await runTask(["get", "deck", "task_1"], {});
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "unitask: Deck needs a credential: set DECK_TOKEN in the environment\n",
    });
  });

  const usageErrors: [string, { args: string[]; stderr: string }][] = [
    [
      "a missing provider option",
      {
        args: ["get", "quant", "t1"],
        stderr: "unitask: Quant needs --organisation (The organisation the tasks belong to.)\n",
      },
    ],
    [
      "an option the provider does not take",
      {
        args: ["get", "quant", "t1", "--organisation", "acme", "--region", "eu"],
        stderr: "unitask: unknown option --region for Quant (its options: --organisation)\n",
      },
    ],
    [
      "a timeout that is not a number",
      {
        args: ["wait", "quant", "t1", "--organisation", "acme", "--timeout", "soon"],
        stderr: "unitask: --timeout must be a number of seconds, 0 or more\n",
      },
    ],
    [
      "an unknown provider",
      { args: ["get", "acme", "t1"], stderr: 'unitask: unknown provider "acme" (known: deck, eden, neo, quant)\n' },
    ],
  ];
  it.each(usageErrors)("%s: exits 2 and says so", async (_, { args, stderr }) => {
    const run = await runTask(args, { QUANT_TOKEN: SECRET });
    expect(run).toEqual({ code: 2, stdout: "", stderr });
  });
});

describe("unitask task wait", { timeout: 30_000 }, () => {
  const cases: [
    string,
    {
      provider: Provider;
      steps: ProviderStep[];
      extra?: string[];
      want: { code: number; status: string | null; lines: RegExp[] };
    },
  ][] = [
    [
      "a Quant task that succeeds: exit 0, a plain line per change",
      {
        provider: "quant",
        steps: [
          { status: "pending" },
          { status: "in_progress", progress: 0.5 },
          { httpStatus: 503 },
          { status: "completed", progress: 1 },
        ],
        want: {
          code: 0,
          status: "succeeded",
          lines: [
            /^queued {5}\d+s$/,
            /^running {4}\[#{10}-{10}\] {3}50% {2}\d+s$/,
            /^succeeded {2}\[#{20}\] {2}100% {2}\d+s$/,
          ],
        },
      },
    ],
    [
      "a Quant task that fails: exit 1, the failed task on stdout",
      {
        provider: "quant",
        steps: [{ status: "in_progress" }, { status: "failed" }],
        want: { code: 1, status: "failed", lines: [/^running/, /^failed/] },
      },
    ],
    [
      "an Eden task that is cancelled: exit 1",
      {
        provider: "eden",
        steps: [{ status: "running" }, { status: "cancelled" }],
        want: { code: 1, status: "cancelled", lines: [/^running/, /^cancelled/] },
      },
    ],
    [
      "a Deck task still learning at the deadline: exit 124",
      {
        provider: "deck",
        steps: [{ status: "learning" }],
        extra: ["--timeout", "0.3"],
        want: {
          code: 124,
          status: null,
          lines: [/^running/, /^unitask: Task task_\w+ did not finish within 300 ms \(last status: running\)$/],
        },
      },
    ],
    [
      "a Neo run whose status the mapping does not know: shown with the provider's word",
      {
        provider: "neo",
        steps: [{ status: "warming" }, { status: "completed" }],
        want: { code: 0, status: "succeeded", lines: [/^unknown \(warming\)/, /^succeeded/] },
      },
    ],
  ];
  it.each(cases)("%s", async (_, { provider, steps, extra = [], want }) => {
    const run = await runAgainst(provider, steps, "wait", ["--interval", "0.01", ...extra]);
    expect(run.code).toBe(want.code);
    if (want.status === null) expect(run.stdout).toBe("");
    else expect(JSON.parse(run.stdout)).toMatchObject({ provider, status: want.status });
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(want.lines.length);
    lines.forEach((line, index) => expect(line).toMatch(want.lines[index]!));
  });
});

describe("progressLine", () => {
  const task = (status: string, progress: number | null, providerStatus: string | null = status) =>
    ({ status, progress, providerStatus }) as Parameters<typeof progressLine>[0];
  const cases: [string, { given: Parameters<typeof progressLine>; want: string }][] = [
    ["no progress: no bar", { given: [task("queued", null), 0], want: "queued     0s" }],
    ["half done", { given: [task("running", 0.5), 12_400], want: "running    [##########----------]   50%  12s" }],
    ["minutes", { given: [task("running", 0.05), 125_000], want: "running    [#-------------------]    5%  2m05s" }],
    ["hours", { given: [task("running", 1), 3_725_000], want: "running    [####################]  100%  1h02m" }],
    [
      "an unknown status shows the provider's word",
      { given: [task("unknown", null, "warming"), 0], want: "unknown (warming)  0s" },
    ],
    ["cut to the terminal's width", { given: [task("running", 0.5), 0, 16], want: "running    [###" }],
  ];
  it.each(cases)("%s", (_, { given, want }) => {
    expect(progressLine(...given)).toBe(want);
  });
});

describe("wait on a TTY", { timeout: 30_000 }, () => {
  it("redraws one live line, cut to the terminal's width, and ends it with a newline", async () => {
    server = await startProviderServer("quant", [
      { status: "in_progress", progress: 0.25 },
      { status: "in_progress", progress: 0.75 },
      { status: "completed", progress: 1 },
    ]);
    const written = { stdout: "", stderr: "" };
    const code = await runTaskCommand({
      action: "wait",
      provider: "quant",
      id: taskIds.quant,
      raw: false,
      baseUrl: server.baseUrl,
      flags: { organisation: ORGANISATION },
      timeoutSeconds: 10,
      intervalSeconds: 0.01,
      generatedDir: path.join(repoRoot, "generated"),
      env: { QUANT_TOKEN: SECRET },
      stdout: { write: (text: string) => (written.stdout += text) },
      stderr: { isTTY: true, columns: 40, write: (text: string) => (written.stderr += text) },
    });
    expect(code).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ status: "succeeded" });
    const redraws = written.stderr
      .split("\r\u001b[2K")
      .slice(1)
      .map((line) => line.trimEnd());
    expect(redraws.slice(0, 3)).toEqual([
      "running    [#####---------------]   25%",
      "running    [###############-----]   75%",
      "succeeded  [####################]  100%",
    ]);
    expect(redraws.every((line) => line.length < 40)).toBe(true);
    expect(written.stderr.endsWith("\n")).toBe(true);
  });
});
