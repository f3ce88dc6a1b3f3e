// The unitask command line. The only place that prints and sets the exit code.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { renderReport, toJsonReport } from "./diff/index.js";
import { formatProblem, GenerateError, summarizeWarnings } from "./problems.js";
import { generate, type PackageOutcome } from "./pipeline.js";

async function runGenerate(argv: {
  specs: string;
  out: string;
  provider?: string[];
  check: boolean;
  force: boolean;
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

/** The change report between any two specs, each loaded, validated and bundled as generate does. */
async function runDiff(argv: { old: string; new: string; json: boolean; failOnBreaking: boolean }): Promise<number> {
  const { loadSpec } = await import("./build.js");
  const { diffSpecs } = await import("./diff/index.js");
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
  const count = `${outcome.changedFiles.length} file${outcome.changedFiles.length === 1 ? "" : "s"}`;
  if (outcome.state === "unchanged") return "up to date";
  if (outcome.state === "removed")
    return check ? `stale (its spec folder is gone; ${count} to remove)` : `removed (its spec folder is gone)`;
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
          .option("json", { type: "boolean", default: false, describe: "Print the report as JSON" })
          .option("fail-on-breaking", {
            type: "boolean",
            default: false,
            describe: "Exit 1 when any change is breaking",
          })
          .example("$0 diff old/openapi.yaml specs/deck/openapi.yaml", "What changed in Deck's spec?"),
      async (argv) => {
        exitCode = await runDiff({
          old: argv.old,
          new: argv.new,
          json: argv.json,
          failOnBreaking: argv.failOnBreaking,
        });
      },
    )
    .demandCommand(1, "Name a command: generate or diff")
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
