// The unitask command line. The only place that prints and sets the exit code. Imports stay light until
// there is work to do: an unchanged run reads its inputs, compares hashes and exits.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseCommandLine, plural, UsageError, type CommandSpec } from "./command-line.js";
import { loadConfig } from "./config.js";
import { displayPath } from "./inputs.js";
import { generate, type GenerateOptions, type GenerateResult, type PackageOutcome } from "./pipeline.js";
import { formatProblem, GenerateError, type Problem } from "./problems.js";
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
      json: { type: "boolean", describe: "Print the report as JSON" },
      "fail-on-breaking": { type: "boolean", describe: "Exit 1 when any change is breaking" },
    },
    examples: [["old/openapi.yaml specs/deck/openapi.yaml", "What changed in Deck's spec?"]],
  },
};

interface GenerateArguments {
  specs?: string;
  out?: string;
  provider?: string[];
  check?: boolean;
  force?: boolean;
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
    printWarnings(outcome.warnings);
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

/** The change report between any two specs, each loaded, validated and bundled as generate does. */
async function runDiff(argv: { old: string; new: string; json: boolean; failOnBreaking: boolean }): Promise<number> {
  const { loadSpec } = await import("./build.js");
  const { diffSpecs, renderReport, toJsonReport } = await import("./diff/index.js");
  const load = async (file: string) => {
    const absolute = path.resolve(file);
    const text = await readFile(absolute, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new GenerateError([
        {
          code: "file-unreadable",
          severity: "error",
          file,
          pointer: "",
          message: `cannot read the file (${error.code})`,
        },
      ]);
    });
    return (await loadSpec(absolute, path.dirname(absolute), text)).document;
  };
  const [before, after] = await Promise.all([load(argv.old), load(argv.new)]);
  const changes = diffSpecs(before, after);
  const name = path.basename(path.dirname(path.resolve(argv.new)));
  if (argv.json) console.log(JSON.stringify(toJsonReport(name, changes), null, 2));
  else console.log(renderReport(name, changes) || `${name}: no changes`);
  return argv.failOnBreaking && changes.some((change) => change.severity === "breaking") ? 1 : 0;
}

function describeOutcome(outcome: PackageOutcome, check: boolean): string {
  const files = plural(outcome.changedFiles.length, "file");
  if (outcome.state === "unchanged") return "up to date";
  if (outcome.state === "removed")
    return check ? `stale (its spec folder is gone; ${files} to remove)` : `removed (its spec folder is gone)`;
  return check
    ? `stale (${files} ${outcome.changedFiles.length === 1 ? "differs" : "differ"})`
    : `generated (${files} changed)`;
}

/** Every warning, but no more than three alike: a large spec can repeat one finding hundreds of times. */
function printWarnings(warnings: readonly Problem[]): void {
  const shown = new Map<string, number>();
  for (const warning of warnings) {
    const count = (shown.get(warning.message) ?? 0) + 1;
    shown.set(warning.message, count);
    if (count <= 3) console.warn(formatProblem(warning));
  }
  for (const [message, count] of shown) if (count > 3) console.warn(`warning: … and ${count - 3} more: ${message}`);
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
    const { version } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    console.log(version);
    return 0;
  }
  try {
    if (parsed.command === "diff") {
      return await runDiff({
        old: parsed.positionals.old!,
        new: parsed.positionals.new!,
        json: parsed.values.json === true,
        failOnBreaking: parsed.values["fail-on-breaking"] === true,
      });
    }
    return await runGenerate(parsed.values as GenerateArguments);
  } catch (error) {
    if (!(error instanceof GenerateError)) throw error;
    printProblems(error, parsed.command);
    return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`unitask: ${error.message}\nRun unitask --help for usage.`);
  process.exitCode = 2;
}
