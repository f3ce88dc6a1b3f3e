// Parses unitask's command line from a table of commands and options, and writes the help from the same
// table. Built on node's util.parseArgs rather than an argument library, whose import alone cost more than
// a whole unchanged run.
import { parseArgs } from "node:util";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  /** Shown in the help after the option, for a string option: `--specs <folder>`. */
  value?: string;
  describe: string;
}

export interface CommandSpec {
  /** `diff <old> <new>`: the command name, then its positional arguments. */
  usage: string;
  summary: string;
  positionals: string[];
  options: Record<string, OptionSpec>;
  examples: [command: string, meaning: string][];
  /** When set, options the table does not name are taken as `--name value` strings (say so here, for --help). */
  otherOptions?: string;
}

export type ParsedCommandLine =
  | { kind: "help"; text: string }
  | { kind: "version" }
  | {
      kind: "run";
      command: string;
      positionals: Record<string, string>;
      values: Record<string, string | boolean | string[] | undefined>;
      /** With `otherOptions`: the options the table does not name, camelCased (`--base-path` → `basePath`). */
      others: Record<string, string>;
    };

/** A mistake in what the user typed: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", describe: "Show this help" };
const VERSION_OPTION: OptionSpec = { type: "boolean", short: "v", describe: "Show unitask's version" };

export function parseCommandLine(args: readonly string[], commands: Record<string, CommandSpec>): ParsedCommandLine {
  const [first, ...rest] = args;
  if (first === undefined || first === "-h" || first === "--help" || first === "help")
    return { kind: "help", text: renderOverview(commands) };
  if (first === "-v" || first === "--version") return { kind: "version" };
  if (first.startsWith("-"))
    throw new UsageError(`name a command before the options: ${Object.keys(commands).join(" or ")}`);
  const spec = commands[first];
  if (!spec) {
    const suggestion = closestMatch(first, Object.keys(commands));
    throw new UsageError(
      `unknown command "${first}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}; commands: ${Object.keys(commands).join(", ")}`,
    );
  }
  const options: Record<string, OptionSpec> = { ...spec.options, help: HELP_OPTION };
  const { known, others } = spec.otherOptions ? separateOtherOptions(rest, options) : { known: rest, others: {} };
  const { values, positionals, tokens } = parseArgs({
    args: [...known],
    options: Object.fromEntries(
      Object.entries(options).map(([name, option]) => [
        name,
        { type: option.type, multiple: option.multiple ?? false, ...(option.short ? { short: option.short } : {}) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  if (values.help) return { kind: "help", text: renderCommandHelp(first, spec) };

  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = options[token.name];
    const flag = token.rawName;
    if (!option) {
      const names = Object.keys(options);
      const suggestion = closestMatch(token.name, names);
      throw new UsageError(
        `unknown option ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ""}; see unitask ${first} --help`,
      );
    }
    if (option.type === "string" && (token.value === undefined || token.value === ""))
      throw new UsageError(`${flag} needs a value: ${flag} <${option.value ?? "value"}>`);
    if (option.type === "boolean" && token.value !== undefined) throw new UsageError(`${flag} takes no value`);
  }
  if (positionals.length > spec.positionals.length) {
    throw new UsageError(
      `unexpected argument "${positionals[spec.positionals.length]}"; usage: unitask ${spec.usage} [options]`,
    );
  }
  if (positionals.length < spec.positionals.length) {
    const missing = spec.positionals.slice(positionals.length).map((name) => `<${name}>`);
    throw new UsageError(
      `missing ${plural(missing.length, "argument")} ${missing.join(" ")}; usage: unitask ${spec.usage} [options]`,
    );
  }
  return {
    kind: "run",
    command: first,
    positionals: Object.fromEntries(spec.positionals.map((name, index) => [name, positionals[index]!])),
    values: values as Record<string, string | boolean | string[] | undefined>,
    others,
  };
}

/** Takes the options `options` does not name out of `args`, each with its value (`--name value` or `--name=value`). */
function separateOtherOptions(
  args: readonly string[],
  options: Record<string, OptionSpec>,
): { known: string[]; others: Record<string, string> } {
  const known: string[] = [];
  const others: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!match || match[1]! in options || arg === "--") {
      known.push(arg);
      continue;
    }
    const value = match[2] ?? args[index + 1];
    if (value === undefined || (match[2] === undefined && value.startsWith("--")))
      throw new UsageError(`--${match[1]} needs a value: --${match[1]} <value>`);
    if (match[2] === undefined) index++;
    others[match[1]!.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  }
  return { known, others };
}

function renderOverview(commands: Record<string, CommandSpec>): string {
  const width = Math.max(...Object.values(commands).map((command) => command.usage.length));
  return [
    "Usage: unitask <command> [options]",
    "",
    "Commands:",
    ...Object.values(commands).map((command) => `  unitask ${command.usage.padEnd(width)}  ${command.summary}`),
    "",
    "Options:",
    ...renderOptions({ help: HELP_OPTION, version: VERSION_OPTION }),
    "",
    "Run unitask <command> --help for a command's options.",
  ].join("\n");
}

function renderCommandHelp(name: string, command: CommandSpec): string {
  return [
    `Usage: unitask ${command.usage} [options]`,
    "",
    command.summary,
    "",
    "Options:",
    ...renderOptions({ ...command.options, help: HELP_OPTION }),
    ...(command.otherOptions ? ["", command.otherOptions] : []),
    ...(command.examples.length > 0
      ? [
          "",
          "Examples:",
          ...command.examples.map(([example, meaning]) => `  unitask ${name} ${example}\n      ${meaning}`),
        ]
      : []),
  ].join("\n");
}

function renderOptions(options: Record<string, OptionSpec>): string[] {
  const flags = Object.entries(options).map(([name, option]) => {
    const short = option.short ? `-${option.short}, ` : "    ";
    return `${short}--${name}${option.type === "string" ? ` <${option.value ?? "value"}>` : ""}`;
  });
  const width = Math.max(...flags.map((flag) => flag.length));
  return Object.values(options).map((option, index) => `  ${flags[index]!.padEnd(width)}  ${option.describe}`);
}

/** "1 file", "2 files". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}

/** The candidate closest to `input` by edit distance, if it is close enough to be a likely typo. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

/** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = distance;
    }
  }
  return rows[a.length]![b.length]!;
}
