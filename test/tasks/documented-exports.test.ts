// Every exported symbol of the task and observability runtime, and every member of its exported interfaces and
// classes, carries TSDoc: these are what users read in their editor.
import path from "node:path";
import { Node, Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../generator/workspace.js";

function undocumented(folder: string): string[] {
  const project = new Project({ skipAddingFilesFromTsConfig: true, skipLoadingLibFiles: true });
  const files = project.addSourceFilesAtPaths(path.join(repoRoot, folder, "*.ts"));
  const missing: string[] = [];
  const check = (node: Node, label: string) => {
    if (Node.isJSDocable(node) && node.getJsDocs().length === 0) missing.push(label);
  };
  for (const file of files) {
    for (const [name, declarations] of file.getExportedDeclarations()) {
      for (const declaration of declarations) {
        if (declaration.getSourceFile() !== file) continue;
        const label = `${folder}/${file.getBaseName()}: ${name}`;
        check(Node.isVariableDeclaration(declaration) ? declaration.getVariableStatementOrThrow() : declaration, label);
        if (Node.isInterfaceDeclaration(declaration) || Node.isClassDeclaration(declaration)) {
          for (const member of declaration.getMembers()) {
            const memberName = Node.isConstructorDeclaration(member)
              ? "constructor"
              : (member.getSymbol()?.getName() ?? "?");
            check(member, `${label}.${memberName}`);
          }
        }
      }
    }
  }
  return missing;
}

describe("TSDoc", () => {
  it.each(["runtime/src/task", "runtime/src/observability"])("documents every export of %s", (folder) => {
    expect(undocumented(folder)).toEqual([]);
  });
});
