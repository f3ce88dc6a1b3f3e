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

/**
 * Warnings for a terminal: one line per kind and file, with the count and the first locations, since a
 * large spec can repeat one finding hundreds of times. A kind seen once prints as formatProblem does.
 */
export function summarizeWarnings(warnings: readonly Problem[], locationsShown = 3): string[] {
  const groups = new Map<string, Problem[]>();
  for (const warning of warnings) {
    const key = `${warning.file}\0${warning.code}`;
    groups.set(key, [...(groups.get(key) ?? []), warning]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [Problem];
    if (group.length === 1) return formatProblem(first);
    const locations = group
      .slice(0, locationsShown)
      .map((warning) => `${warning.line === undefined ? "" : `:${warning.line} `}${warning.pointer}`.trim());
    const more = group.length > locationsShown ? ` and ${group.length - locationsShown} more` : "";
    return `warning: ${first.file}: ${group.length} × ${first.code} (${first.message}) at ${locations.join(", ")}${more}`;
  });
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === "error");
}
