// Stage 1, load: read a YAML or JSON file into a plain document, keeping a way back from a
// JSON pointer to the line it came from (for messages only, so JSON is located lazily).
import { readFile } from "node:fs/promises";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { createJsonLocator, type JsonLocator } from "./json-locator.js";
import { GenerateError, type Problem } from "./problems.js";
import { escapePointerToken, parsePointer } from "./spec/pointer.js";

export interface LoadedFile {
  /** Path as shown in messages (relative to the working directory). */
  file: string;
  absolutePath: string;
  text: string;
  document: unknown;
  /** 1-based line of the node at `pointer`, or of its nearest ancestor that exists. */
  lineOf(pointer: string): number | undefined;
}

export async function loadFile(absolutePath: string, file: string): Promise<LoadedFile> {
  let text: string;
  try {
    text = await readFile(absolutePath, "utf8");
  } catch (error) {
    throw new GenerateError([
      {
        code: "file-unreadable",
        severity: "error",
        file,
        pointer: "",
        message: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      },
    ]);
  }
  return parseText(text, absolutePath, file);
}

/** Aliases a YAML document may expand: enough for any real spec, far too few for an alias bomb. */
const MAX_YAML_ALIASES = 1000;

/**
 * Levels of nesting a document may have: the deepest real specs nest about 30, and the libraries the pipeline
 * runs (Redocly's walker, openapi-typescript) recurse once or more per level, overflowing the stack near 1000.
 */
const MAX_NESTING = 256;

export function parseText(fileText: string, absolutePath: string, file: string): LoadedFile {
  // A byte-order mark is no part of JSON or YAML text; editors on Windows write one.
  const text = fileText.startsWith("\uFEFF") ? fileText.slice(1) : fileText;
  const isJson = absolutePath.endsWith(".json");
  let parsed: ParsedYaml | undefined;
  const parseYaml = (): ParsedYaml => (parsed ??= parseYamlDocument(text));

  let document: unknown;
  if (isJson) {
    try {
      document = JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const position = /at position (\d+)/.exec(message)?.[1];
      const line =
        position === undefined ? parseYaml().errors[0]?.line : text.slice(0, Number(position)).split("\n").length;
      throw new GenerateError([
        { code: "parse-error", severity: "error", file, pointer: "", line, message: `invalid JSON: ${message}` },
      ]);
    }
  } else {
    const { yamlDocument, errors } = parseYaml();
    if (errors.length > 0) {
      throw new GenerateError(
        errors.map((error) => ({
          code: "parse-error",
          severity: "error",
          file,
          pointer: "",
          line: error.line,
          message: `invalid YAML: ${error.message}`,
        })),
      );
    }
    try {
      document = yamlDocument.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      throw new GenerateError([
        {
          code: "parse-error",
          severity: "error",
          file,
          pointer: "",
          message: `invalid YAML: its aliases expand to too many nodes (${(error as Error).message}); unitask expands at most ${MAX_YAML_ALIASES}`,
        },
      ]);
    }
  }

  let locateJson: JsonLocator | undefined;
  let lineStarts: number[] | undefined;
  const loaded: LoadedFile = {
    file,
    absolutePath,
    text,
    document,
    lineOf: (pointer) => {
      if (!isJson) return lineOfPointer(parseYaml(), pointer);
      let tokens: string[];
      try {
        tokens = parsePointer(pointer);
      } catch {
        return undefined;
      }
      return lineAt((lineStarts ??= findLineStarts(text)), (locateJson ??= createJsonLocator(text))(tokens));
    },
  };
  const tooDeep = firstPastDepth(document, MAX_NESTING);
  if (tooDeep !== undefined) {
    let line: number | undefined;
    try {
      line = loaded.lineOf(tooDeep);
    } catch {
      // The parsers that locate a pointer recurse too: past their stack, the message goes without a line.
    }
    throw new GenerateError([
      {
        code: "nesting-too-deep",
        severity: "error",
        file,
        pointer: tooDeep,
        line,
        message: `nested more than ${MAX_NESTING} levels deep; unitask reads specs nested at most ${MAX_NESTING} levels (real ones nest about 30)`,
      },
    ]);
  }
  return loaded;
}

/**
 * The pointer of the first value (depth-first) nested deeper than `limit` levels, iteratively. Pointers are built
 * only for a document that has one: the check runs on every spec, 26 MB ones included.
 */
function firstPastDepth(document: unknown, limit: number): string | undefined {
  const pending: [unknown, number][] = [[document, 0]];
  let tooDeep = false;
  while (pending.length > 0 && !tooDeep) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== "object") continue;
    tooDeep = depth >= limit;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  if (!tooDeep) return undefined;
  const stack: [unknown, string, number][] = [[document, "#", 0]];
  while (stack.length > 0) {
    const [node, pointer, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth >= limit) return pointer;
    const entries = Object.entries(node);
    for (let index = entries.length - 1; index >= 0; index--)
      stack.push([entries[index]![1], `${pointer}/${escapePointerToken(entries[index]![0])}`, depth + 1]);
  }
  return undefined;
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line of an offset, by binary search over the line starts. */
function lineAt(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

interface ParsedYaml {
  yamlDocument: Document;
  lineCounter: LineCounter;
  errors: { line?: number; message: string }[];
}

function parseYamlDocument(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const yamlDocument = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const errors = yamlDocument.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line,
    message: error.message.split("\n")[0] ?? error.message,
  }));
  return { yamlDocument, lineCounter, errors };
}

function lineOfPointer({ yamlDocument, lineCounter }: ParsedYaml, pointer: string): number | undefined {
  let tokens: string[];
  try {
    tokens = parsePointer(pointer);
  } catch {
    return undefined;
  }
  // Walk by hand: keys like '200' are strings in the YAML but look like indexes to getIn().
  let node: unknown = yamlDocument.contents;
  let line = rangeLine(node);
  for (const token of tokens) {
    if (isMap(node))
      node = node.items.find((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key) === token)?.value;
    else if (isSeq(node)) node = node.items[Number(token)];
    else break;
    if (node === undefined || node === null) break;
    line = rangeLine(node) ?? line;
  }
  return line;

  function rangeLine(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  }
}

/** Makes a Problem located in a loaded file. */
export function problemAt(
  loaded: LoadedFile,
  pointer: string,
  code: string,
  message: string,
  severity: Problem["severity"] = "error",
): Problem {
  // Found when read: of a spec's hundreds of warnings, the CLI prints a few of each kind with their lines.
  let line: number | undefined | null = null;
  return {
    code,
    severity,
    file: loaded.file,
    pointer,
    get line() {
      if (line === null) line = loaded.lineOf(pointer);
      return line;
    },
    message,
  };
}
