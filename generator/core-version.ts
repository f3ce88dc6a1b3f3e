// What a change to runtime/src means for the core package's version, by comparing the runtime with the
// copy in the previous core package: a removed export or a changed declaration (its .d.ts) is breaking,
// a new export is a feature, a change that leaves every declaration alone is a fix.
import { Project, ts } from "ts-morph";
import type { VersionBump } from "./diff/index.js";
import { markdownCodeSpan } from "./diff/markdown.js";

export interface RuntimeChanges {
  bump: VersionBump | null;
  /** The CHANGELOG entry's bullet points. */
  notes: string[];
}

/** `before` and `after`: runtime sources, path relative to src/ → text, without the copy header. */
export function compareRuntimes(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): RuntimeChanges {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changedFiles = paths.filter((file) => before.get(file) !== after.get(file));
  if (changedFiles.length === 0) return { bump: null, notes: [] };

  const [old, current] = [declarations(before), declarations(after)];
  const removed = [...old.exports].filter((name) => !current.exports.has(name));
  const added = [...current.exports].filter((name) => !old.exports.has(name));
  const changedDeclarations = [...new Set([...old.files.keys(), ...current.files.keys()])]
    .filter((file) => old.files.get(file) !== current.files.get(file))
    .sort();

  const notes = [
    ...(removed.length > 0 ? [`Removed exports: ${removed.map(markdownCodeSpan).join(", ")}.`] : []),
    ...(added.length > 0 ? [`Added exports: ${added.map(markdownCodeSpan).join(", ")}.`] : []),
    ...(changedDeclarations.length > 0
      ? [`Changed declarations in ${changedDeclarations.map(markdownCodeSpan).join(", ")}.`]
      : []),
    `Changed sources: ${changedFiles.map(markdownCodeSpan).join(", ")}.`,
  ];
  const bump: VersionBump =
    removed.length > 0 || changedDeclarations.some((file) => old.files.has(file))
      ? "major"
      : added.length > 0 || changedDeclarations.length > 0
        ? "minor"
        : "patch";
  return { bump, notes };
}

/** The names `index.ts` exports, and each file's emitted declarations. */
function declarations(files: ReadonlyMap<string, string>): { exports: Set<string>; files: Map<string, string> } {
  const project = new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    compilerOptions: {
      declaration: true,
      emitDeclarationOnly: true,
      // Documentation changes are not API changes.
      removeComments: true,
      module: ts.ModuleKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
    },
  });
  for (const [relative, text] of files)
    if (relative.endsWith(".ts")) project.createSourceFile(`/src/${relative}`, text);
  const index = project.getSourceFile("/src/index.ts");
  const exports = new Set(index ? [...index.getExportedDeclarations().keys()] : []);
  const emitted = new Map<string, string>();
  for (const file of project.emitToMemory({ emitOnlyDtsFiles: true }).getFiles())
    emitted.set(file.filePath.replace(/^\/src\//, ""), file.text);
  return { exports, files: emitted };
}
