// The command-line parser on its own: what it accepts, and the message for each mistake.
import { describe, expect, it } from "vitest";
import { closestMatch, parseCommandLine, plural, UsageError, type CommandSpec } from "../../generator/command-line.js";

const COMMANDS: Record<string, CommandSpec> = {
  generate: {
    usage: "generate",
    summary: "Generate",
    positionals: [],
    options: {
      specs: { type: "string", value: "folder", describe: "Specs folder" },
      provider: { type: "string", value: "name", multiple: true, describe: "Only this provider" },
      check: { type: "boolean", describe: "Write nothing" },
      quiet: { type: "boolean", short: "q", describe: "Less output" },
    },
    examples: [["--check", "Is it up to date?"]],
  },
  diff: {
    usage: "diff <old> <new>",
    summary: "Compare two specs",
    positionals: ["old", "new"],
    options: { json: { type: "boolean", describe: "As JSON" } },
    examples: [],
  },
};

describe("parseCommandLine", () => {
  it.each([
    ["generate with options", { given: ["generate", "--specs", "api", "-q"], want: { specs: "api", quiet: true } }],
    ["a repeated option", { given: ["generate", "--provider", "a", "--provider=b"], want: { provider: ["a", "b"] } }],
    ["no options", { given: ["generate"], want: {} }],
  ])("accepts %s", (_name, { given, want }) => {
    expect(parseCommandLine(given, COMMANDS)).toEqual({
      kind: "run",
      command: "generate",
      positionals: {},
      values: want,
      others: {},
    });
  });

  it("names the positional arguments", () => {
    expect(parseCommandLine(["diff", "a.yaml", "b.yaml", "--json"], COMMANDS)).toEqual({
      kind: "run",
      command: "diff",
      positionals: { old: "a.yaml", new: "b.yaml" },
      values: { json: true },
      others: {},
    });
  });

  it.each([
    ["no arguments", { given: [], want: "Usage: unitask <command> [options]" }],
    ["-h", { given: ["-h"], want: "  unitask diff <old> <new>  Compare two specs" }],
    ["a command's --help", { given: ["generate", "--help"], want: "  -q, --quiet            Less output" }],
    ["a command's -h", { given: ["diff", "-h"], want: "Usage: unitask diff <old> <new> [options]" }],
  ])("prints help for %s", (_name, { given, want }) => {
    const parsed = parseCommandLine(given, COMMANDS);
    expect(parsed.kind).toBe("help");
    expect(parsed.kind === "help" && parsed.text.split("\n")).toContain(want);
  });

  it.each([["--version"], ["-v"]])("asks for the version with %s", (flag) => {
    expect(parseCommandLine([flag], COMMANDS)).toEqual({ kind: "version" });
  });

  it.each([
    [
      "a mistyped command",
      { given: ["generat"], want: 'unknown command "generat" (did you mean "generate"?); commands: generate, diff' },
    ],
    ["an unknown command", { given: ["publish"], want: 'unknown command "publish"; commands: generate, diff' }],
    [
      "a mistyped option",
      {
        given: ["generate", "--chek"],
        want: "unknown option --chek (did you mean --check?); see unitask generate --help",
      },
    ],
    [
      "an unknown option",
      { given: ["generate", "--colour"], want: "unknown option --colour; see unitask generate --help" },
    ],
    ["an unknown short option", { given: ["generate", "-x"], want: "unknown option -x; see unitask generate --help" }],
    [
      "a string option without a value",
      { given: ["generate", "--specs"], want: "--specs needs a value: --specs <folder>" },
    ],
    ["a boolean option with a value", { given: ["generate", "--check=yes"], want: "--check takes no value" }],
    [
      "a missing argument",
      { given: ["diff", "a.yaml"], want: "missing 1 argument <new>; usage: unitask diff <old> <new> [options]" },
    ],
    [
      "two missing arguments",
      { given: ["diff"], want: "missing 2 arguments <old> <new>; usage: unitask diff <old> <new> [options]" },
    ],
    [
      "an extra argument",
      { given: ["generate", "x"], want: 'unexpected argument "x"; usage: unitask generate [options]' },
    ],
    [
      "an option before the command",
      { given: ["--check"], want: "name a command before the options: generate or diff" },
    ],
  ])("rejects %s", (_name, { given, want }) => {
    expect(() => parseCommandLine(given, COMMANDS)).toThrow(new UsageError(want));
  });
});

describe("closestMatch", () => {
  it.each([
    ["one letter off", { given: ["chek", ["check", "force"]], want: "check" }],
    ["two letters swapped", { given: ["froce", ["check", "force"]], want: "force" }],
    ["case only", { given: ["Generate", ["generate", "diff"]], want: "generate" }],
    ["nothing close", { given: ["colour", ["check", "config"]], want: undefined }],
    ["no candidates", { given: ["x", []], want: undefined }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(closestMatch(given[0], given[1])).toBe(want);
  });
});

describe("plural", () => {
  it.each([
    [0, "0 files"],
    [1, "1 file"],
    [2, "2 files"],
  ])("%i", (count, want) => {
    expect(plural(count, "file")).toBe(want);
  });
});
