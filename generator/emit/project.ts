// One in-memory ts-morph project with fixed settings, so emitted code never depends on the machine.
import { IndentationText, NewLineKind, Project, QuoteKind, type SourceFile } from "ts-morph";

export function createEmitProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Double,
      useTrailingCommas: true,
    },
  });
}

export function createEmptySourceFile(project: Project, path: string): SourceFile {
  return project.createSourceFile(path, "", { overwrite: true });
}
