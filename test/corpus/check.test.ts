// The corpus table's reading of a run (corpus/check.ts): what counts as a warning, and which lines of a failed
// generation say why it failed.
import { describe, expect, it } from "vitest";
import { countWarnings, generateErrors } from "../../corpus/check.js";
import { summarizeWarnings } from "../../generator/problems.js";

describe("corpus/check", () => {
  it.each([
    ["one line per warning", { given: "warning a\nwarning b\n", want: 2 }],
    [
      "a line that groups several of one kind, as summarizeWarnings prints it",
      {
        given: `${summarizeWarnings(
          Array.from({ length: 14 }, (_, index) => ({
            code: "nullable-in-3.1",
            severity: "warning" as const,
            file: "specs/acme/openapi.yaml",
            pointer: `#/components/schemas/S${index}/nullable`,
            message: "Property `nullable` is not expected here",
          })),
        ).join("\n")}\nwarning: specs/acme/openapi.yaml: one more\n`,
        want: 15,
      },
    ],
    ["no warnings among progress lines", { given: "acme: build (0.1 s)\n", want: 0 }],
  ])("counts %s", (_, { given, want }) => {
    expect(countWarnings(given)).toBe(want);
  });

  it.each([
    [
      "an error after the progress lines and warnings",
      {
        given: [
          "core: build (0.0 s)",
          "codat: load and validate (5.9 s)",
          "warning unknown-keyword: …",
          "specs/codat/openapi.json:1 #/paths: Can't resolve $ref",
        ].join("\n"),
        want: "specs/codat/openapi.json:1 #/paths: Can't resolve $ref",
      },
    ],
    ["a crash's message", { given: "TypeError: x is undefined (at y)", want: "TypeError: x is undefined (at y)" }],
  ])("keeps only what says why generation failed: %s", (_, { given, want }) => {
    expect(generateErrors(given)).toBe(want);
  });
});
