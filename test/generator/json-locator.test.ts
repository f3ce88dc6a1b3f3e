// The JSON locator behind every message's line: where the node a pointer names starts in the text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createJsonLocator } from "../../generator/json-locator.js";

const TEXT = `{
  "openapi": "3.1.0",
  "paths": {
    "/a{b}": { "get": { "summary": "braces } ] and \\"quotes\\" in a string" } },
    "/tricky\\\\": [1, {"x": null}, "\\\\"]
  },
  "components": { "schemas": { "A\\u0042": { "type": "object" }, "dup": 1, "dup": { "z": true } } }
}`;

/** The text from the located offset to the end of its line. */
function locate(tokens: string[]): string {
  const offset = createJsonLocator(TEXT)(tokens);
  return TEXT.slice(offset, TEXT.indexOf("\n", offset) === -1 ? undefined : TEXT.indexOf("\n", offset));
}

describe("createJsonLocator", () => {
  it.each<[string, { given: string[]; want: string }]>([
    ["the document", { given: [], want: "{" }],
    ["a top-level member, at its key", { given: ["openapi"], want: `"openapi": "3.1.0",` }],
    [
      "a member past a string holding braces and escaped quotes",
      {
        given: ["paths", "/a{b}", "get", "summary"],
        want: `"summary": "braces } ] and \\"quotes\\" in a string" } },`,
      },
    ],
    ["a key ending in an escaped backslash", { given: ["paths", "/tricky\\", "1", "x"], want: `"x": null}, "\\\\"]` }],
    ["an array item past a nested object", { given: ["paths", "/tricky\\", "2"], want: `"\\\\"]` }],
    [
      "a key written with a unicode escape",
      {
        given: ["components", "schemas", "AB", "type"],
        want: `"type": "object" }, "dup": 1, "dup": { "z": true } } }`,
      },
    ],
    [
      "the last of duplicate keys, as JSON.parse reads",
      { given: ["components", "schemas", "dup", "z"], want: `"z": true } } }` },
    ],
    [
      "a missing member: its nearest ancestor",
      {
        given: ["paths", "/a{b}", "post", "summary"],
        want: `"/a{b}": { "get": { "summary": "braces } ] and \\"quotes\\" in a string" } },`,
      },
    ],
    [
      "an index past the end: the array",
      { given: ["paths", "/tricky\\", "3"], want: `"/tricky\\\\": [1, {"x": null}, "\\\\"]` },
    ],
    ["a token into a scalar: the scalar", { given: ["openapi", "x"], want: `"openapi": "3.1.0",` }],
  ])("%s", (_name, { given, want }) => {
    expect(locate(given)).toBe(want);
  });

  it("finds every node of any JSON text, at its key or, in an array, at the value", () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2, "\t"), fc.array(fc.nat()), (value, indent, choices) => {
        const text = JSON.stringify(value, null, indent);
        const locate = createJsonLocator(text);
        // A random path down the value: each choice picks a member of the container reached.
        let node: unknown = value;
        const tokens: string[] = [];
        for (const choice of choices) {
          if (node === null || typeof node !== "object") break;
          const keys = Object.keys(node);
          if (keys.length === 0) break;
          const key = keys[choice % keys.length]!;
          const child = (node as Record<string, unknown>)[key];
          tokens.push(key);
          const at = text.slice(locate(tokens));
          const member = Array.isArray(node) ? JSON.stringify(child, null, indent) : JSON.stringify(key);
          expect(at.startsWith(member.split("\n")[0]!)).toBe(true);
          node = child;
        }
      }),
      { numRuns: 500 },
    );
  });
});
