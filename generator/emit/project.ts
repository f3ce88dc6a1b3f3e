// TypeScript files printed from ts-morph structures with fixed settings, so emitted code never depends on the
// machine. Printed, never parsed: ts-morph's printStructure writes the text without building a syntax tree,
// where adding the same structures to a SourceFile re-parses the whole file (seconds and hundreds of MB for
// a spec of ten thousand operations).
import {
  CodeBlockWriter,
  printStructure,
  StructureKind,
  type StatementStructures,
  type WriterFunction,
} from "ts-morph";

const PRINT_OPTIONS = { indentNumberOfSpaces: 2, newLine: "\n", useSingleQuote: false } as const;

export type Statement = StatementStructures | WriterFunction | string;

/** The text of a file made of these statements, a blank line between them but within a run of imports. */
export function printStatements(statements: readonly Statement[]): string {
  const spaced = statements.flatMap((statement, index) =>
    index > 0 && !(isImport(statement) && isImport(statements[index - 1]!))
      ? [(writer: CodeBlockWriter) => writer.blankLineIfLastNot(), statement]
      : [statement],
  );
  return printStructure({ kind: StructureKind.SourceFile, statements: spaced }, PRINT_OPTIONS);
}

function isImport(statement: Statement): boolean {
  return typeof statement === "object" && statement.kind === StructureKind.ImportDeclaration;
}

/**
 * A documented `export const name = initializer;`, laid out as ts-morph prints a variable statement, for initializers
 * that grow with the spec. ts-morph prints an initializer into a writer of its own, copies it over, then reads every
 * character of the declaration back to place commas: 0.4 s of Microsoft Graph's 3 MB client.
 */
export function exportedConstant(doc: string, name: string, initializer: string): WriterFunction {
  return (writer) => {
    writer.write(`/** ${doc} */`).newLine();
    writer.hangingIndent(() => writer.write(`export const ${name} = ${initializer};`));
  };
}

/** A writer with the settings the files are printed with, for text written ahead of the statements holding it. */
export function createWriter(): CodeBlockWriter {
  return new CodeBlockWriter(PRINT_OPTIONS);
}

/**
 * Import or export specifiers as one writer, a line each: for the lists that grow with the spec (three names
 * per operation). ts-morph prints a list of specifier structures by inserting each comma into the text already
 * written, which is quadratic: minutes for the 34,000 names of Microsoft Graph's spec.
 */
export function specifierList(
  specifiers: readonly (string | { name: string; isTypeOnly?: boolean })[],
): WriterFunction {
  return (writer) => {
    for (const specifier of specifiers) {
      const text =
        typeof specifier === "string" ? specifier : `${specifier.isTypeOnly ? "type " : ""}${specifier.name}`;
      writer.newLine().write(`${text},`);
    }
    writer.newLine();
  };
}
