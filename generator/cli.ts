#!/usr/bin/env node
// The unitask command line. The only place that prints and sets the exit code. Imports stay light until
// there is work to do: an unchanged run reads its inputs, compares hashes and exits.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCommandLine, plural, UsageError, type CommandSpec } from "./command-line.js";
import { loadConfig } from "./config.js";
import { displayPath } from "./inputs.js";
import { generate, type GenerateOptions, type GenerateResult, type PackageOutcome } from "./pipeline.js";
import { formatProblem, GenerateError, summarizeWarnings } from "./problems.js";
import { ProgressReporter, progressModeFor } from "./progress.js";

const COMMANDS: Record<string, CommandSpec> = {
  generate: {
    usage: "generate",
    summary: "Generate one typed client package per provider spec, plus the shared core package",
    positionals: [],
    options: {
      specs: {
        type: "string",
        value: "folder",
        describe:
          "Folder holding one folder per provider, each with openapi.yaml, openapi.yml or openapi.json (default: specs)",
      },
      out: {
        type: "string",
        value: "folder",
        describe: "Output folder, replaced atomically: a failed run leaves it untouched (default: generated)",
      },
      provider: {
        type: "string",
        value: "name",
        multiple: true,
        describe: "Generate only this provider (repeatable); others are left as they are",
      },
      check: {
        type: "boolean",
        describe: "Write nothing; exit 1 and list the files that differ when the output is stale",
      },
      force: {
        type: "boolean",
        describe: "Rebuild every package, even those whose recorded inputs are unchanged (with --check: byte for byte)",
      },
      prune: {
        type: "boolean",
        describe:
          "Remove the packages whose spec folder is gone (without it, such a package stops the run and nothing is written)",
      },
      "fail-on-breaking": {
        type: "boolean",
        describe:
          "Write nothing and exit 1 when a spec change is breaking and not accepted in specs/<provider>/accepted-changes.yaml",
      },
      strict: {
        type: "boolean",
        describe: "Treat every warning about a spec (a nit generation tolerates) as an error",
      },
      watch: {
        type: "boolean",
        describe: "After generating, regenerate each provider whose spec folder changes, until Ctrl-C",
      },
      config: { type: "string", value: "file", describe: "The config file (default: unitask.config.json, if present)" },
      quiet: { type: "boolean", short: "q", describe: "Print only changes, warnings and errors" },
    },
    examples: [
      ["", "Generate every provider in specs/ into generated/"],
      ["--provider deck --check", "Is generated/deck up to date?"],
      ["--watch", "Regenerate as the specs change"],
    ],
  },
  diff: {
    usage: "diff <old> <new>",
    summary: "Report what changed between two specs, each change classified as breaking, potentially breaking or not",
    positionals: ["old", "new"],
    options: {
      format: { type: "string", value: "text|json|markdown", describe: "How to print the report (default: text)" },
      json: { type: "boolean", describe: "Print the report as JSON (--format json)" },
      "fail-on-breaking": {
        type: "boolean",
        describe: "Exit 1 when a change is breaking and not accepted in the new spec's accepted-changes.yaml",
      },
    },
    examples: [
      ["old/openapi.yaml specs/deck/openapi.yaml", "What changed in Deck's spec?"],
      ["old/openapi.yaml specs/deck/openapi.yaml --format markdown", "The same, ready to paste into a pull request"],
    ],
  },
  task: {
    usage: "task <action> <provider> <id>",
    summary:
      "Get a task from any provider with a normalization mapping (action get), or wait for it to end (wait), as unified JSON",
    positionals: ["action", "provider", "id"],
    options: {
      raw: { type: "boolean", describe: "Print the provider's own response instead of the unified task" },
      "base-url": { type: "string", value: "url", describe: "Call this server instead of the spec's first one" },
      timeout: { type: "string", value: "seconds", describe: "wait: give up after this many seconds (exit 124)" },
      interval: {
        type: "string",
        value: "seconds",
        describe: "wait: first delay between polls, doubling up to 15 (default 1)",
      },
      generated: {
        type: "string",
        value: "folder",
        describe: "Folder holding the generated packages (default: generated)",
      },
    },
    otherOptions:
      "Credentials come from the environment variables each provider's README names (DECK_TOKEN, EDEN_API_KEY, …); other provider options are flags (--organisation <name> for Quant). Exit codes: 0 the task succeeded (get: it was fetched), 1 it failed, was cancelled or could not be fetched, 2 a usage error, 124 wait timed out.",
    examples: [
      ["get deck task_123", "Deck's task as unified JSON"],
      ["wait quant 550e8400-e29b-41d4-a716-446655440000 --organisation acme --timeout 600", "Follow a Quant task"],
    ],
  },
};

interface GenerateArguments {
  specs?: string;
  out?: string;
  provider?: string[];
  check?: boolean;
  force?: boolean;
  prune?: boolean;
  "fail-on-breaking"?: boolean;
  strict?: boolean;
  watch?: boolean;
  config?: string;
  quiet?: boolean;
}

async function runGenerate(argv: GenerateArguments): Promise<number> {
  if (argv.watch && argv.check) throw new UsageError("--watch and --check cannot be combined");
  const config = await loadConfig(process.cwd(), argv.config);
  const outDir = argv.out === undefined ? config.out : path.resolve(argv.out);
  const options: GenerateOptions = {
    specsDir: argv.specs === undefined ? config.specs : path.resolve(argv.specs),
    outDir,
    providers: argv.provider,
    check: argv.check,
    force: argv.force,
    prune: argv.prune,
    failOnBreaking: argv["fail-on-breaking"],
    strict: argv.strict,
    packages: { ...config.packages, outFromRoot: path.relative(config.root, outDir).split(path.sep).join("/") },
    // Where build tools keep their caches; one file per output folder.
    hashCacheFile: path.join(
      config.root,
      "node_modules/.cache/unitask",
      `file-hashes-${createHash("sha256").update(outDir).digest("hex").slice(0, 16)}.json`,
    ),
  };
  const quiet = argv.quiet ?? false;
  const exitCode = await generateAndReport(options, quiet);
  if (!argv.watch) return exitCode;

  const { watchProviders } = await import("./watch.js");
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  console.error(`Watching ${displayPath(options.specsDir)} for changes (Ctrl-C to stop)`);
  await watchProviders(
    options.specsDir,
    async (changed) => {
      const { discoverProviders } = await import("./inputs.js");
      const present = await discoverProviders(options.specsDir).catch(() => [] as string[]);
      const providers = changed.filter((name) => present.includes(name));
      if (providers.length === 0) return;
      console.error(`Changed: ${providers.join(", ")}`);
      await generateAndReport({ ...options, providers, force: false }, quiet).catch((error: unknown) => {
        if (!(error instanceof GenerateError)) throw error;
        printProblems(error, "generate");
      });
    },
    { signal: stop.signal },
  );
  return 0;
}

/** One run: progress while it builds, a line per package, the change reports, a summary on stderr. */
async function generateAndReport(options: GenerateOptions, quiet: boolean): Promise<number> {
  const progress = new ProgressReporter(process.stderr, progressModeFor(process.stderr, quiet, process.env));
  let result: GenerateResult;
  try {
    result = await generate({ ...options, onProgress: (name, stage) => progress.stage(name, stage) });
  } finally {
    progress.clear();
  }
  const changed = result.packages.filter((outcome) => outcome.state !== "unchanged");
  const renderReport = changed.some((outcome) => outcome.changes.length > 0)
    ? (await import("./diff/index.js")).renderReport
    : undefined;
  for (const outcome of result.packages) {
    for (const line of summarizeWarnings(outcome.warnings)) console.warn(line);
    if (quiet && outcome.state === "unchanged") continue;
    console.log(`${outcome.name}: ${describeOutcome(outcome, options.check ?? false)}`);
    const report = renderReport?.(outcome.name, outcome.changes) ?? "";
    if (report !== "") console.log(indent(report));
  }
  const out = displayPath(options.outDir);
  if (options.check && result.changedFiles.length > 0) {
    const count = result.changedFiles.length;
    console.error(
      `${out} is stale: ${plural(count, "file")} ${count === 1 ? "differs" : "differ"} from a fresh generation (run unitask generate):`,
    );
    for (const file of result.changedFiles) console.error(`  ${out}/${file}`);
    return 1;
  }
  if (!quiet) console.error(summarize(result, options.check ?? false, progress.elapsed()));
  return 0;
}

/** `unitask: 5 packages, 1 generated, 4 up to date (3 files changed) in 2.1 s` */
function summarize(result: GenerateResult, check: boolean, elapsed: string): string {
  const count = (state: PackageOutcome["state"]) => result.packages.filter((outcome) => outcome.state === state).length;
  const parts = [
    plural(result.packages.length, "package"),
    ...(count("generated") > 0 ? [`${count("generated")} ${check ? "stale" : "generated"}`] : []),
    ...(count("removed") > 0 ? [`${count("removed")} removed`] : []),
    `${count("unchanged")} up to date`,
  ];
  const files = result.changedFiles.length > 0 ? ` (${plural(result.changedFiles.length, "file")} changed)` : "";
  return `unitask: ${parts.join(", ")}${check ? "" : files} in ${elapsed}`;
}

type ReportFormat = "text" | "json" | "markdown";

/**
 * The change report between any two specs, each loaded, validated and bundled as generate does. The new
 * spec's folder is read as a provider's: its normalization.yaml says which changes reach the unified task,
 * its accepted-changes.yaml which breaking changes a reviewer accepted.
 */
async function runDiff(argv: {
  old: string;
  new: string;
  format: ReportFormat;
  failOnBreaking: boolean;
}): Promise<number> {
  const { loadSpec } = await import("./build.js");
  const diff = await import("./diff/index.js");
  const { loadMapping } = await import("./normalization/index.js");
  const { readManifest } = await import("./manifest.js");
  const read = (file: string, optional: boolean) => {
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (optional && code === "ENOENT") return undefined;
      throw new GenerateError([
        {
          code: "file-unreadable",
          severity: "error",
          file: path.relative(process.cwd(), file) || file,
          pointer: "",
          message: `cannot read the file (${code})`,
        },
      ]);
    }
  };
  const load = async (file: string) => {
    const absolute = path.resolve(file);
    return (await loadSpec(absolute, path.dirname(absolute), read(absolute, false)!)).document;
  };
  const [before, after] = await Promise.all([load(argv.old), load(argv.new)]);
  const folder = path.dirname(path.resolve(argv.new));
  const name = path.basename(folder);
  const relative = (file: string) => path.relative(process.cwd(), path.join(folder, file));
  const mappingText = read(path.join(folder, "normalization.yaml"), true);
  const mapping =
    mappingText === undefined ? undefined : loadMapping(relative("normalization.yaml"), mappingText).mapping;
  const acceptedText = read(path.join(folder, diff.ACCEPTED_CHANGES_FILE), true);
  const reviewed = diff.reviewChanges(diff.diffSpecs(before, after), {
    before,
    after,
    manifest: readManifest(name, undefined).manifest,
    specLabel: relative(path.basename(argv.new)),
    mapping: mapping && { file: relative("normalization.yaml"), mapping },
    accepted:
      acceptedText === undefined
        ? undefined
        : diff.loadAcceptedChanges(
            relative(diff.ACCEPTED_CHANGES_FILE),
            path.join(folder, diff.ACCEPTED_CHANGES_FILE),
            acceptedText,
          ),
  });
  for (const line of summarizeWarnings(reviewed.stale)) console.warn(line);
  const changes = reviewed.changes;
  if (argv.format === "json") console.log(JSON.stringify(diff.toJsonReport(name, changes), null, 2));
  else if (argv.format === "markdown") process.stdout.write(diff.renderMarkdownReport(name, changes));
  else console.log(diff.renderReport(name, changes) || `${name}: no changes`);
  return argv.failOnBreaking && diff.unacceptedBreaking(changes).length > 0 ? 1 : 0;
}

function describeOutcome(outcome: PackageOutcome, check: boolean): string {
  const files = plural(outcome.changedFiles.length, "file");
  if (outcome.state === "unchanged") return "up to date";
  if (outcome.state === "removed") return check ? `stale (${files} to remove)` : `removed (${files})`;
  return check
    ? `stale (${files} ${outcome.changedFiles.length === 1 ? "differs" : "differ"})`
    : `generated (${files} changed)`;
}

function printProblems(error: GenerateError, command: string): void {
  for (const problem of error.problems) console.error(formatProblem(problem));
  const errors = error.problems.filter((problem) => problem.severity === "error").length;
  console.error(`unitask: ${plural(errors, "error")}${command === "generate" ? "; nothing was written." : "."}`);
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseCommandLine(args, COMMANDS);
  if (parsed.kind === "help") {
    console.log(parsed.text);
    return 0;
  }
  if (parsed.kind === "version") {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    console.log(version);
    return 0;
  }
  try {
    if (parsed.command === "diff") {
      const format = parsed.values.json === true ? "json" : (parsed.values.format ?? "text");
      if (format !== "text" && format !== "json" && format !== "markdown")
        throw new UsageError(`--format takes text, json or markdown (got "${String(format)}")`);
      return await runDiff({
        old: parsed.positionals.old!,
        new: parsed.positionals.new!,
        format,
        failOnBreaking: parsed.values["fail-on-breaking"] === true,
      });
    }
    if (parsed.command === "task") return await runTask(parsed.positionals, parsed.values, parsed.others);
    return await runGenerate(parsed.values as GenerateArguments);
  } catch (error) {
    if (!(error instanceof GenerateError)) throw error;
    printProblems(error, parsed.command);
    return 1;
  }
}

/** `unitask task get|wait <provider> <id>`: the registry and the clients load only now. */
async function runTask(
  positionals: Record<string, string>,
  values: Record<string, string | boolean | string[] | undefined>,
  others: Record<string, string>,
): Promise<number> {
  const action = positionals.action;
  if (action !== "get" && action !== "wait") throw new UsageError(`the action is get or wait (got "${action}")`);
  const seconds = (value: unknown) => (typeof value === "string" ? Number(value) : undefined);
  const { runTaskCommand } = await import("./task-command.js");
  return runTaskCommand({
    action,
    provider: positionals.provider!,
    id: positionals.id!,
    raw: values.raw === true,
    baseUrl: typeof values["base-url"] === "string" ? values["base-url"] : undefined,
    flags: others,
    timeoutSeconds: seconds(values.timeout),
    intervalSeconds: seconds(values.interval),
    generatedDir: typeof values.generated === "string" ? values.generated : "generated",
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

/** The exit code for what `main` threw: a usage error, or a bug, named in one line without a stack trace. */
function reportFailure(error: unknown): number {
  if (error instanceof UsageError) {
    console.error(`unitask: ${error.message}\nRun unitask --help for usage.`);
    return 2;
  }
  // Bad input has no business producing a stack trace; UNITASK_DEBUG=1 shows it to whoever fixes the bug.
  if (process.env.UNITASK_DEBUG) console.error(error);
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`unitask: unexpected failure (${reason.split("\n")[0]}); run with UNITASK_DEBUG=1 for details`);
  return 1;
}

// Not a top-level await: the bundle is CommonJS (scripts/build.js).
main(process.argv.slice(2)).then(
  (exitCode) => (process.exitCode = exitCode),
  (error: unknown) => (process.exitCode = reportFailure(error)),
);
