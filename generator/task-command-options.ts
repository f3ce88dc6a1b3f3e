// The yargs side of `unitask task`: its options, and the argv → TaskCommandInput step. A provider's own options
// (`--organisation`) are not known before the registry loads, so the command accepts any flag and
// runTaskCommand checks them against the provider.
import type { Argv } from "yargs";
import type { TaskCommandInput } from "./task-command.js";

const OWN_KEYS = new Set(["_", "$0", "action", "provider", "id", "raw", "baseUrl", "timeout", "interval", "generated"]);

export function taskCommandOptions(command: Argv) {
  return command
    .positional("action", {
      choices: ["get", "wait"] as const,
      demandOption: true,
      describe: "get: fetch it once; wait: follow it until it ends",
    })
    .positional("provider", {
      type: "string",
      demandOption: true,
      describe: "A provider of @unitask/tasks, e.g. quant",
    })
    .positional("id", { type: "string", demandOption: true, describe: "The task's id" })
    .option("raw", {
      type: "boolean",
      default: false,
      describe: "Print the provider's own response instead of the unified task",
    })
    .option("base-url", { type: "string", describe: "Call this server instead of the spec's first one" })
    .option("timeout", { type: "number", describe: "wait: give up after this many seconds (exit 124)" })
    .option("interval", {
      type: "number",
      describe: "wait: first delay between polls in seconds, doubling up to 15 (default 1)",
    })
    .option("generated", { type: "string", default: "generated", describe: "Folder holding the generated packages" })
    .strict(false)
    .epilogue(
      "Credentials come from the environment variables each provider's README names (DECK_TOKEN, EDEN_API_KEY, …); other provider options are flags (--organisation for Quant). Exit codes: 0 the task succeeded (get: it was fetched), 1 it failed, was cancelled or could not be fetched, 2 a usage error, 124 wait timed out.",
    )
    .example("$0 task get deck task_123", "Deck's task as unified JSON")
    .example(
      "$0 task wait quant 550e8400-e29b-41d4-a716-446655440000 --organisation acme --timeout 600",
      "Follow a Quant task",
    );
}

type TaskArgv = Awaited<ReturnType<typeof taskCommandOptions>["argv"]>;

export function taskCommandInput(argv: TaskArgv): TaskCommandInput {
  // yargs adds a camelCase twin of every dashed flag: the twin is the name a provider option has.
  const flags = Object.fromEntries(Object.entries(argv).filter(([key]) => !OWN_KEYS.has(key) && !key.includes("-")));
  return {
    action: argv.action,
    provider: argv.provider,
    id: argv.id,
    raw: argv.raw,
    baseUrl: argv.baseUrl,
    flags,
    timeoutSeconds: argv.timeout,
    intervalSeconds: argv.interval,
    generatedDir: argv.generated,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  };
}
