// Every symbol a generated package exports has TSDoc: what a user sees on hover, and in the published
// declarations. Walks the real export graph (re-exports included) of each package in generated/.
import { readdirSync } from "node:fs";
import path from "node:path";
import { Node, Project, type SourceFile } from "ts-morph";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./workspace.js";

/** `name (file)` for each export of `index` whose declaration carries no TSDoc. */
function undocumentedExports(index: SourceFile): string[] {
  const undocumented: string[] = [];
  for (const [name, declarations] of index.getExportedDeclarations()) {
    for (const declaration of declarations) {
      // A `const` carries its TSDoc on the statement, not on the declaration.
      const documented = Node.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : declaration;
      const docs = documented && Node.isJSDocable(documented) ? documented.getJsDocs() : [];
      if (docs.every((doc) => doc.getDescription().trim() === "" && doc.getTags().length === 0)) {
        undocumented.push(`${name} (${path.relative(repoRoot, declaration.getSourceFile().getFilePath())})`);
      }
    }
  }
  return undocumented.sort();
}

describe("TSDoc on every export", () => {
  const project = new Project({
    tsConfigFilePath: path.join(repoRoot, "tsconfig.json"),
    skipAddingFilesFromTsConfig: true,
  });

  it.each(readdirSync(path.join(repoRoot, "generated")).sort())(
    "of generated/%s",
    (packageName) => {
      const index = project.addSourceFileAtPath(path.join(repoRoot, "generated", packageName, "src/index.ts"));
      project.resolveSourceFileDependencies();
      expect(undocumentedExports(index)).toEqual([]);
    },
    60_000,
  );

  it("finds the undocumented ones, re-exported or not", () => {
    const fixture = new Project({ useInMemoryFileSystem: true });
    fixture.createSourceFile(
      `${repoRoot}fixture/other.ts`,
      "/** Documented. */\nexport class Kept {}\nexport class Bare {}\nexport const LIMIT = 3;\n",
    );
    const index = fixture.createSourceFile(
      `${repoRoot}fixture/index.ts`,
      'export * from "./other";\n/** @param a - the input. */\nexport function tagged(a: string) {}\nexport interface Plain {}\n/** */\nexport type Empty = 1;\n',
    );
    expect(undocumentedExports(index)).toEqual([
      "Bare (fixture/other.ts)",
      "Empty (fixture/index.ts)",
      "LIMIT (fixture/other.ts)",
      "Plain (fixture/index.ts)",
    ]);
  });
});
