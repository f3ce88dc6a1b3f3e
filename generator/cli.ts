// The unitask command line. The only place that prints and sets the exit code.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { renderReport } from "./diff/index.js";
import { formatProblem, GenerateError, summarizeWarnings, type Problem } from "./problems.js";
import { generate, type PackageOutcome } from "./pipeline.js";
import { taskCommandInput, taskCommandOptions } from "./task-command-options.js";

async function runGenerate(argv: {
  specs: string;
  out: string;
  provider?: string[];
  check: boolean;
  force: boolean;
  prune: boolean;
  failOnBreaking: boolean;
  strict: boolean;
}): Promise<number> {
  if (argv.provider?.length === 0 || argv.provider?.includes("")) {
    console.error("--provider needs a provider name\nRun unitask --help for usage.");
    return 2;
  }
  const result = await generate({
    specsDir: argv.specs,
    outDir: argv.out,
    providers: argv.provider,
    check: argv.check,
    force: argv.force,
    prune: argv.prune,
    failOnBreaking: argv.failOnBreaking,
    strict: argv.strict,
  });
  for (const outcome of result.packages) {
    for (const line of summarizeWarnings(outcome.warnings)) console.warn(line);
    const state = describeOutcome(outcome, argv.check);
    console.log(`${outcome.name}: ${state}`);
    const report = renderReport(outcome.name, outcome.changes);
    if (report !== "") console.log(indent(report));
  }
  if (argv.check && result.changedFiles.length > 0) {
    console.error(`${argv.out} is stale; these files differ from a fresh generation (run npm run generate):`);
    for (const file of result.changedFiles) console.error(`  ${argv.out}/${file}`);
    return 1;
  }
  return 0;
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
  const read = (file: string, optional: boolean) =>
    readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (optional && error.code === "ENOENT") return undefined;
      throw new GenerateError([
        {
          code: "file-unreadable",
          severity: "error",
          file: path.relative(process.cwd(), file) || file,
          pointer: "",
          message: `cannot read the file (${error.code})`,
        },
      ]);
    });
  const load = async (file: string) => {
    const absolute = path.resolve(file);
    return (await loadSpec(absolute, path.dirname(absolute), (await read(absolute, false))!)).document;
  };
  const [before, after] = await Promise.all([load(argv.old), load(argv.new)]);
  const folder = path.dirname(path.resolve(argv.new));
  const name = path.basename(folder);
  const relative = (file: string) => path.relative(process.cwd(), path.join(folder, file));
  const mappingText = await read(path.join(folder, "normalization.yaml"), true);
  const mapping =
    mappingText === undefined ? undefined : loadMapping(relative("normalization.yaml"), mappingText).mapping;
  const acceptedText = await read(path.join(folder, diff.ACCEPTED_CHANGES_FILE), true);
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
  else console.log(renderReport(name, changes) || `${name}: no changes`);
  return argv.failOnBreaking && diff.unacceptedBreaking(changes).length > 0 ? 1 : 0;
}

function describeOutcome(outcome: PackageOutcome, check: boolean): string {
  const count = `${outcome.changedFiles.length} file${outcome.changedFiles.length === 1 ? "" : "s"}`;
  if (outcome.state === "unchanged") return "up to date";
  if (outcome.state === "removed") return check ? `stale (${count} to remove)` : `removed (${count})`;
  return check ? `stale (${count} differ)` : `generated (${count} changed)`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

async function main(): Promise<number> {
  let exitCode = 0;
  await yargs(hideBin(process.argv))
    .scriptName("unitask")
    .usage("$0 <command> [options]")
    .command(
      "generate",
      "Generate one typed client package per provider spec, plus @unitask/core",
      (command) =>
        command
          .option("specs", {
            type: "string",
            default: "specs",
            describe: "Folder holding one folder per provider, each with openapi.yaml, openapi.yml or openapi.json",
          })
          .option("out", {
            type: "string",
            default: "generated",
            describe: "Output folder, replaced atomically: a failed run leaves it untouched",
          })
          .option("provider", {
            type: "string",
            array: true,
            describe: "Generate only these providers (repeatable); others are left as they are",
          })
          .option("check", {
            type: "boolean",
            default: false,
            describe: "Write nothing; exit 1 and list the files that differ when the output is stale",
          })
          .option("force", {
            type: "boolean",
            default: false,
            describe:
              "Rebuild every package, even those whose recorded inputs are unchanged (with --check: compare byte for byte)",
          })
          .option("prune", {
            type: "boolean",
            default: false,
            describe:
              "Remove the packages whose spec folder is gone (without it, such a package stops the run and nothing is written)",
          })
          .option("fail-on-breaking", {
            type: "boolean",
            default: false,
            describe:
              "Write nothing and exit 1 when a spec change is breaking and not accepted in specs/<provider>/accepted-changes.yaml",
          })
          .option("strict", {
            type: "boolean",
            default: false,
            describe: "Treat every warning about a spec (a nit generation tolerates) as an error",
          })
          .example("$0 generate", "Generate every provider in specs/ into generated/")
          .example("$0 generate --provider deck --check", "Is generated/deck up to date?"),
      async (argv) => {
        exitCode = await runGenerate(argv);
      },
    )
    .command(
      "diff <old> <new>",
      "Report what changed between two specs, each change classified for a client as breaking, potentially breaking or non-breaking",
      (command) =>
        command
          .positional("old", { type: "string", demandOption: true, describe: "The spec before (YAML or JSON)" })
          .positional("new", { type: "string", demandOption: true, describe: "The spec after" })
          .option("format", {
            choices: ["text", "json", "markdown"] as const,
            default: "text" as const,
            describe: "text for a terminal, json for tools, markdown for a pull request",
          })
          .option("json", { type: "boolean", default: false, describe: "Same as --format json" })
          .option("fail-on-breaking", {
            type: "boolean",
            default: false,
            describe: "Exit 1 when a change is breaking and not accepted in accepted-changes.yaml beside the new spec",
          })
          .example("$0 diff old/openapi.yaml specs/deck/openapi.yaml", "What changed in Deck's spec?")
          .example("$0 diff old.yaml specs/deck/openapi.yaml --format markdown", "The same, for a pull request"),
      async (argv) => {
        exitCode = await runDiff({
          old: argv.old,
          new: argv.new,
          format: argv.json ? "json" : argv.format,
          failOnBreaking: argv.failOnBreaking,
        });
      },
    )
    .command(
      "task <action> <provider> <id>",
      "Get a task from any provider with a normalization mapping, or wait for it to end, as unified JSON",
      (command) => taskCommandOptions(command),
      async (argv) => {
        const { runTaskCommand } = await import("./task-command.js");
        exitCode = await runTaskCommand(taskCommandInput(argv));
      },
    )
    .demandCommand(1, "Name a command: generate, diff or task")
    .strict()
    .help()
    .version(false)
    .fail((message, error) => {
      // Usage mistakes come as a message (yargs' own, or a .check's); anything else is a real error.
      if (error && error.name !== "YError") throw error;
      console.error(`${message ?? error?.message}\nRun unitask --help for usage.`);
      process.exit(2);
    })
    .parseAsync();
  return exitCode;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof GenerateError) {
    for (const problem of error.problems) console.error(formatProblem(problem));
    const errors = error.problems.filter((problem) => problem.severity === "error").length;
    const command = hideBin(process.argv)[0];
    console.error(
      `unitask: ${errors} error${errors === 1 ? "" : "s"}${command === "generate" ? "; nothing was written." : "."}`,
    );
    process.exitCode = 1;
  } else {
    // Bad input has no business producing a stack trace; UNITASK_DEBUG=1 shows it to whoever fixes the bug.
    if (process.env.UNITASK_DEBUG) console.error(error);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`unitask: unexpected failure (${reason.split("\n")[0]}); run with UNITASK_DEBUG=1 for details`);
    process.exitCode = 1;
  }
}
