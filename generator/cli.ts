// The unitask command line. The only place that prints and sets the exit code.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { formatProblem, GenerateError } from "./problems.js";
import { generate } from "./pipeline.js";

async function runGenerate(argv: { specs: string; out: string; provider?: string[]; check: boolean }): Promise<number> {
  const result = await generate({ specsDir: argv.specs, outDir: argv.out, providers: argv.provider, check: argv.check });
  for (const outcome of result.packages) {
    for (const warning of outcome.warnings) console.warn(formatProblem(warning));
    const state = outcome.state === "unchanged" ? "up to date" : argv.check ? `stale (${outcome.changedFiles.length} files differ)` : `generated (${outcome.changedFiles.length} files changed)`;
    console.log(`${outcome.name}: ${state}`);
  }
  if (argv.check && result.changedFiles.length > 0) {
    console.error(`${argv.out} is stale; these files differ from a fresh generation (run npm run generate):`);
    for (const file of result.changedFiles) console.error(`  ${argv.out}/${file}`);
    return 1;
  }
  return 0;
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
          .option("specs", { type: "string", default: "specs", describe: "Folder holding one folder per provider, each with openapi.yaml, openapi.yml or openapi.json" })
          .option("out", { type: "string", default: "generated", describe: "Output folder, replaced atomically: a failed run leaves it untouched" })
          .option("provider", { type: "string", array: true, describe: "Generate only these providers (repeatable); others are left as they are" })
          .option("check", { type: "boolean", default: false, describe: "Write nothing; exit 1 and list the files that differ when the output is stale" })
          .example("$0 generate", "Generate every provider in specs/ into generated/")
          .example("$0 generate --provider deck --check", "Is generated/deck up to date?"),
      async (argv) => {
        exitCode = await runGenerate(argv);
      },
    )
    .demandCommand(1, "Name a command: generate or diff")
    .strict()
    .help()
    .version(false)
    .fail((message, error, instance) => {
      if (error) throw error;
      console.error(`${instance.help()}\n\n${message}`);
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
    console.error(`unitask: ${errors} error${errors === 1 ? "" : "s"}; nothing was written.`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
