// Problems found in a spec, a manifest or a mapping: collected with their place, then reported together.
// Library code returns or throws problems; only the CLI prints them and exits.

export type Severity = "error" | "warning";

export interface Problem {
  /** Stable machine-readable kind, e.g. `ref-unresolved`, `mapping-field-missing`. */
  code: string;
  severity: Severity;
  /** Path of the file the problem is in, relative to the working directory. */
  file: string;
  /** JSON pointer into that file (`#/paths/~1tasks~1{task_id}/get`), or "" for the whole file. */
  pointer: string;
  /** 1-based line, where the parser knows it. */
  line?: number;
  message: string;
}

/** Thrown when a run cannot go on; carries every error-severity problem found so far. */
export class GenerateError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "GenerateError";
    this.problems = problems;
  }
}

/** `specs/deck/openapi.yaml:42 #/paths/~1tasks/get: message` */
export function formatProblem(problem: Problem): string {
  const place = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const pointer = problem.pointer === "" ? "" : ` ${problem.pointer}`;
  const prefix = problem.severity === "warning" ? "warning: " : "";
  return `${prefix}${place}${pointer}: ${problem.message}`;
}

/** Escapes one reference token for a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Builds `#/a/b~1c` from tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.length === 0 ? "#" : `#/${tokens.map(escapePointerToken).join("/")}`;
}

/** Splits `#/a/b~1c` (or `/a/b~1c`) into tokens. */
export function parsePointer(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "") return [];
  if (!body.startsWith("/")) throw new Error(`Not a JSON pointer: ${pointer}`);
  return body
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * A `$ref` fragment is a URI fragment, so `#/components/schemas/100%25` means the key `100%`.
 * Text that is not valid percent-encoding is taken as it is.
 */
export function decodeUriText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === "error");
}
