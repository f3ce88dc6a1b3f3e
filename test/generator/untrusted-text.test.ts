// A spec is untrusted input: its text never breaks out of a comment, a string literal, a JSON value
// or a Markdown line in what unitask generates.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ts } from "ts-morph";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.js";
import { createWorkspace, type Workspace } from "./workspace.js";

const PAYLOAD =
  "*/ injected(); /* ` ${injected()} \" ' </script><script>injected()</script>\n# Heading\n[link](javascript:injected())";

const hostileSpec = `openapi: 3.1.0
info:
  title: ${JSON.stringify(`Evil ${PAYLOAD}`)}
  version: ${JSON.stringify(`1.0 ${PAYLOAD}`)}
  description: ${JSON.stringify(PAYLOAD)}
servers:
  - url: ${JSON.stringify(`https://evil.example.test/"+injected()+"`)}
components:
  securitySchemes:
    key:
      type: apiKey
      in: header
      name: ${JSON.stringify(`X-Key"); injected(); ("`)}
      description: ${JSON.stringify(PAYLOAD)}
security:
  - key: []
paths:
  ${JSON.stringify(`/things/{thing"Id}/*/x`)}:
    get:
      operationId: ${JSON.stringify(`get"Thing*/injected()`)}
      summary: ${JSON.stringify(PAYLOAD)}
      description: ${JSON.stringify(PAYLOAD)}
      parameters:
        - name: ${JSON.stringify(`thing"Id`)}
          in: path
          required: true
          description: ${JSON.stringify(PAYLOAD)}
          schema:
            type: string
      responses:
        '200':
          description: ${JSON.stringify(PAYLOAD)}
          content:
            application/json:
              schema:
                type: object
                description: ${JSON.stringify(PAYLOAD)}
                properties:
                  ${JSON.stringify(`name"*/`)}:
                    type: string
                    description: ${JSON.stringify(PAYLOAD)}
                    enum: [${JSON.stringify(`a*/injected()/*`)}]
`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("untrusted spec text", () => {
  let workspace: Workspace;

  beforeAll(async () => {
    workspace = createWorkspace();
    workspace.write("evil", "openapi.yaml", hostileSpec);
    await generate({ specsDir: workspace.specsDir, outDir: workspace.outDir });
  }, 60_000);

  it("stays inside comments and strings in every generated TypeScript file", () => {
    const sources = filesUnder(path.join(workspace.outDir, "evil")).filter((file) => file.endsWith(".ts"));
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const file of sources) {
      const text = readFileSync(file, "utf8");
      const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      expect((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics, file).toEqual([]);
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
      const identifiers = new Set<string>();
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        // Comments and string literals are one token each: spec text may only ever be inside one.
        if (token === ts.SyntaxKind.Identifier) identifiers.add(scanner.getTokenText());
      }
      expect(identifiers.has("injected"), `${path.basename(file)} has an injected identifier`).toBe(false);
    }
  });

  it("stays a value in every JSON file", () => {
    for (const file of filesUnder(path.join(workspace.outDir, "evil")).filter((name) => name.endsWith(".json"))) {
      expect(() => JSON.parse(readFileSync(file, "utf8")), file).not.toThrow();
    }
    expect(JSON.parse(readFileSync(path.join(workspace.outDir, "evil/spec/openapi.json"), "utf8")).info.title).toBe(
      `Evil ${PAYLOAD}`,
    );
  });

  it("never becomes HTML, a heading or a link in the README", () => {
    const readme = readFileSync(path.join(workspace.outDir, "evil/README.md"), "utf8");
    expect(readme).not.toContain("<script>");
    expect(readme).not.toMatch(/^# Heading/m);
    expect(readme).not.toMatch(/(?<!\\)\]\(javascript:/);
  });
});
