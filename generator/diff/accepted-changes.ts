// specs/<provider>/accepted-changes.yaml: breaking changes someone reviewed and accepted, each matched
// by its rule and JSON pointer and kept with the reason. An accepted change is still reported (and still
// bumps the version as its severity says), but no longer fails `--fail-on-breaking`. An entry that matches
// no change is reported as stale, so the file does not keep excusing changes nobody looked at.
import { parseText } from "../load.js";
import { GenerateError, type Problem } from "../problems.js";
import type { SpecChange } from "./change.js";
import { isRecord } from "./spec-walk.js";

export const ACCEPTED_CHANGES_FILE = "accepted-changes.yaml";

export interface AcceptedChange {
  rule: string;
  pointer: string;
  reason: string;
  /** Where the entry is, for messages about it. */
  file: string;
  entryPointer: string;
  line?: number;
}

const FIELDS = ["rule", "pointer", "reason"] as const;

/**
 * Reads the file: `changes`, a list of `{ rule, pointer, reason }`, each a non-empty string. Every problem
 * with its line and pointer, all at once.
 */
export function loadAcceptedChanges(file: string, absolutePath: string, text: string): AcceptedChange[] {
  const loaded = parseText(text, absolutePath, file);
  const problem = (pointer: string, message: string): Problem => ({
    code: "accepted-changes-invalid",
    severity: "error",
    file,
    pointer,
    line: loaded.lineOf(pointer),
    message,
  });
  const document = loaded.document;
  const list = isRecord(document) ? document.changes : undefined;
  if (!Array.isArray(list)) {
    throw new GenerateError([problem("#", "expected `changes:`, a list of { rule, pointer, reason }")]);
  }
  const problems: Problem[] = [];
  const entries = list.flatMap((entry: unknown, index): AcceptedChange[] => {
    const at = `#/changes/${index}`;
    if (!isRecord(entry)) {
      problems.push(problem(at, "expected an object with rule, pointer and reason"));
      return [];
    }
    const bad = FIELDS.filter((field) => typeof entry[field] !== "string" || entry[field] === "");
    for (const field of bad) problems.push(problem(`${at}/${field}`, `${field} must be a non-empty string`));
    const unknown = Object.keys(entry).filter((key) => !(FIELDS as readonly string[]).includes(key));
    for (const key of unknown) problems.push(problem(`${at}/${key}`, `unknown field (expected ${FIELDS.join(", ")})`));
    if (bad.length > 0 || unknown.length > 0) return [];
    const { rule, pointer, reason } = entry as Record<(typeof FIELDS)[number], string>;
    return [{ rule, pointer, reason, file, entryPointer: at, line: loaded.lineOf(at) }];
  });
  if (problems.length > 0) throw new GenerateError(problems);
  return entries;
}

/** The changes with the matching entries' reasons attached, and the entries that matched nothing. */
export function applyAcceptedChanges(
  changes: readonly SpecChange[],
  entries: readonly AcceptedChange[],
): { changes: SpecChange[]; stale: Problem[] } {
  const used = new Set<AcceptedChange>();
  const reviewed = changes.map((change) => {
    const entry = entries.find((candidate) => candidate.rule === change.rule && candidate.pointer === change.pointer);
    if (entry === undefined) return change;
    used.add(entry);
    return { ...change, accepted: entry.reason };
  });
  const stale = entries
    .filter((entry) => !used.has(entry))
    .map((entry): Problem => ({
      code: "accepted-change-stale",
      severity: "warning",
      file: entry.file,
      pointer: entry.entryPointer,
      line: entry.line,
      message: `accepted change ${entry.rule} at ${entry.pointer} matches no change in this spec update; remove the entry`,
    }));
  return { changes: reviewed, stale };
}

/** Breaking changes nobody accepted: what `--fail-on-breaking` fails on. */
export function unacceptedBreaking(changes: readonly SpecChange[]): SpecChange[] {
  return changes.filter((change) => change.severity === "breaking" && change.accepted === undefined);
}
