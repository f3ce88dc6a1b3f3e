// `unitask task get|wait <provider> <id>`: one task, from any provider of the generated @unitask/tasks registry,
// as unified JSON on stdout (`--raw`: the provider's own body). Credentials come from the environment variables
// the provider's README names; every secret is scrubbed from everything printed. `wait` follows the task with
// watchTask: a live line on a TTY, plain lines otherwise, and exits 0 when it succeeded, 1 when it failed or was
// cancelled, 124 on timeout. The registry is loaded only when a task command runs.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type {
  ProviderInfo,
  TaskClient,
  TaskTimeoutError,
  UnifiedTask,
  watchTask,
  WatchTaskOptions,
} from "../runtime/src/task/index.js";

export interface TaskCommandInput {
  action: "get" | "wait";
  provider: string;
  id: string;
  raw: boolean;
  baseUrl: string | undefined;
  /** Flags besides the command's own, by name (`organisation` from `--organisation`). */
  flags: Readonly<Record<string, unknown>>;
  /** `wait` gives up after this many seconds; undefined: never. */
  timeoutSeconds: number | undefined;
  /** `wait`'s first delay between polls, in seconds (it doubles up to 15 s). */
  intervalSeconds: number | undefined;
  /** The folder holding the generated packages. */
  generatedDir: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: TaskOutput;
  stderr: TaskOutput;
}

/** Where the command writes; `isTTY` chooses between a live line and plain lines. */
export interface TaskOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * What the command needs of the generated @unitask/tasks. watchTask and the errors come from it too, not from
 * runtime/src: the clients throw the classes of the core package they import, which `instanceof` must match.
 */
interface TaskRegistry {
  providers: Readonly<Record<string, ProviderInfo>>;
  createTaskClient(options: Record<string, unknown>): TaskClient;
  watchTask: typeof watchTask;
  TaskTimeoutError: typeof TaskTimeoutError;
}

/** Exit codes: 124 is what timeout(1) uses, so scripts can tell "took too long" from "failed". */
export const EXIT = { succeeded: 0, failed: 1, usage: 2, timeout: 124 } as const;

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

export async function runTaskCommand(input: TaskCommandInput): Promise<number> {
  for (const [flag, value] of [
    ["--timeout", input.timeoutSeconds],
    ["--interval", input.intervalSeconds],
  ] as const) {
    if (value !== undefined && !(value >= 0)) {
      input.stderr.write(`unitask: ${flag} must be a number of seconds, 0 or more\n`);
      return EXIT.usage;
    }
  }
  const registry = await loadRegistry(input.generatedDir);
  if (registry === undefined) {
    input.stderr.write(
      `unitask: no task registry in ${input.generatedDir}/tasks: it is generated when a provider has a normalization.yaml (run npm run generate)\n`,
    );
    return EXIT.usage;
  }
  const info = Object.hasOwn(registry.providers, input.provider) ? registry.providers[input.provider] : undefined;
  if (info === undefined) {
    input.stderr.write(
      `unitask: unknown provider "${input.provider}" (known: ${Object.keys(registry.providers).join(", ")})\n`,
    );
    return EXIT.usage;
  }
  const options = clientOptions(input, info);
  if (typeof options === "string") {
    input.stderr.write(`unitask: ${options}\n`);
    return EXIT.usage;
  }
  const secrets = info.credentials.flatMap((credential) => {
    const value = input.env[credential.environmentVariable];
    return value === undefined || value === "" ? [] : [value, encodeURIComponent(value)];
  });
  const stdout = scrubbed(input.stdout, secrets);
  const stderr = scrubbed(input.stderr, secrets);
  const client = registry.createTaskClient(options);
  const print = (task: UnifiedTask) => stdout.write(`${JSON.stringify(input.raw ? task.raw : task, null, 2)}\n`);

  try {
    if (input.action === "get") {
      print(await client.getTask(input.id));
      return EXIT.succeeded;
    }
    const final = await follow(registry, client, input, stderr);
    print(final);
    return final.status === "succeeded" ? EXIT.succeeded : EXIT.failed;
  } catch (error) {
    stderr.write(`unitask: ${describeError(error)}\n`);
    return error instanceof registry.TaskTimeoutError ? EXIT.timeout : EXIT.failed;
  }
}

/** The registry's module, imported with this repository's tsconfig so `@unitask/*` resolve to generated/. */
async function loadRegistry(generatedDir: string): Promise<TaskRegistry | undefined> {
  const { tsImport } = await import("tsx/esm/api");
  const entry = pathToFileURL(path.resolve(generatedDir, "tasks/src/index.ts")).href;
  try {
    return (await tsImport(entry, {
      parentURL: import.meta.url,
      tsconfig: path.join(repoRoot, "tsconfig.json"),
    })) as TaskRegistry;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

/** The task client's options from the environment and the flags, or what is missing, as a message. */
function clientOptions(input: TaskCommandInput, info: ProviderInfo): Record<string, unknown> | string {
  const options: Record<string, unknown> = { provider: input.provider };
  const missing = info.credentials.filter((credential) => {
    const value = input.env[credential.environmentVariable];
    if (value !== undefined && value !== "") options[credential.option] = value;
    return credential.required && options[credential.option] === undefined;
  });
  if (missing.length > 0) {
    const names = missing.map((credential) => credential.environmentVariable).join(" and ");
    return `${info.displayName} needs a credential: set ${names} in the environment`;
  }
  for (const option of info.options) {
    const value = input.flags[option.name];
    if (typeof value !== "string" || value === "")
      return `${info.displayName} needs --${option.name}${option.description === null ? "" : ` (${option.description})`}`;
    options[option.name] = value;
  }
  const known = new Set(info.options.map((option) => option.name));
  const unknown = Object.keys(input.flags).filter((flag) => !known.has(flag));
  if (unknown.length > 0) {
    const accepted = info.options.map((option) => `--${option.name}`).join(", ") || "none";
    return `unknown option ${unknown.map((flag) => `--${flag}`).join(", ")} for ${info.displayName} (its options: ${accepted})`;
  }
  if (input.baseUrl !== undefined) options["baseUrl"] = input.baseUrl;
  return options;
}

/** Polls the task until it ends, showing each new snapshot; resolves with the terminal one. */
async function follow(
  registry: TaskRegistry,
  client: TaskClient,
  input: TaskCommandInput,
  stderr: TaskOutput,
): Promise<UnifiedTask> {
  const options: WatchTaskOptions = {};
  if (input.timeoutSeconds !== undefined) options.timeoutMs = input.timeoutSeconds * 1000;
  if (input.intervalSeconds !== undefined) options.intervalMs = input.intervalSeconds * 1000;
  const live = input.stderr.isTTY === true;
  const started = performance.now();
  let latest: UnifiedTask | undefined;
  const show = () => {
    if (latest === undefined) return;
    const line = progressLine(latest, performance.now() - started, live ? (input.stderr.columns ?? 80) : undefined);
    stderr.write(live ? `\r\u001b[2K${line}` : `${line}\n`);
  };
  // On a TTY the elapsed time keeps moving between polls.
  const ticker = live ? setInterval(show, 1000) : undefined;
  try {
    for await (const task of registry.watchTask(client, input.id, options)) {
      latest = task;
      show();
    }
  } finally {
    clearInterval(ticker);
    if (live && latest !== undefined) stderr.write("\n");
  }
  if (latest === undefined) throw new Error(`watchTask ended without a state of task ${input.id}`);
  return latest;
}

const BAR_WIDTH = 20;

/**
 * One line about a task: `running  [#########-----------]  45%  12s`. Without progress, no bar. With a
 * `width` (a TTY), the line is cut to fit it, so the live line never wraps.
 */
export function progressLine(
  task: Pick<UnifiedTask, "status" | "progress" | "providerStatus">,
  elapsedMs: number,
  width?: number,
): string {
  const status =
    task.status === "unknown" && task.providerStatus !== null ? `unknown (${task.providerStatus})` : task.status;
  const parts = [status.padEnd(9)];
  if (task.progress !== null) {
    const filled = Math.round(task.progress * BAR_WIDTH);
    parts.push(
      `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}]`,
      `${Math.round(task.progress * 100)}%`.padStart(4),
    );
  }
  parts.push(formatElapsed(elapsedMs));
  const line = parts.join("  ");
  return width === undefined || line.length < width ? line : line.slice(0, Math.max(0, width - 1));
}

function formatElapsed(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

/** An output that replaces every secret with `[redacted]` before writing. */
function scrubbed(output: TaskOutput, secrets: readonly string[]): TaskOutput {
  const ordered = [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
  return {
    isTTY: output.isTTY,
    columns: output.columns,
    write: (text: string) =>
      output.write(ordered.reduce((shown, secret) => shown.replaceAll(secret, "[redacted]"), text)),
  };
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return `${error.message}${cause}`;
}
