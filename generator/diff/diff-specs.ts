// Compares two bundled OpenAPI 3.0/3.1 documents and classifies every change for a client of the API.
// api-smart-diff finds what changed (it resolves `$ref`s, so a shared schema's change shows at each use);
// the rules here, after oasdiff's, decide what that means for a client. Security and servers are compared
// whole, because their meaning is a set of alternatives rather than a tree of values.
import { apiCompare, type Diff } from "api-smart-diff";
import { toPointer } from "../spec/index.js";
import {
  code,
  codeValue,
  makeChange,
  plainText,
  SEVERITY_ORDER,
  type ChangeKind,
  type MessagePart,
  type SpecChange,
} from "./change.js";
import { comparedDocuments } from "./compared-parts.js";
import { classifyPathDiff } from "./operation-changes.js";
import { fallbackVerdict, type PathsContext } from "./operation-site.js";
import { compareRules } from "./key-pairing.js";
import { unitaskVerdict } from "./rules.js";
import { securityRequirementChanges, securitySchemeChanges } from "./security-changes.js";
import { serverChanges } from "./server-changes.js";
import { locate, pointerOf, type SpecDocument } from "./spec-walk.js";

const DOCUMENTATION_SECTIONS = new Set(["info", "tags", "externalDocs", "openapi", "jsonSchemaDialect"]);

/**
 * Every change from `before` to `after`, sorted by pointer, then kind, then message, without duplicates
 * (a schema shared by several media types of one response is one change). Documentation-only changes
 * are kept, as non-breaking with area `documentation`, so that they can still earn a patch release.
 */
export function diffSpecs(before: SpecDocument, after: SpecDocument): SpecChange[] {
  const { diffs } = withoutClassifierLogs(() =>
    apiCompare(...comparedDocuments(before, after), {
      // Fresh each time, as api-smart-diff makes them: its `$ref` comparison keeps state in them.
      rules: compareRules(),
    }),
  );
  const renamedPaths = new Map(
    diffs
      .filter((diff) => diff.action === "rename" && diff.path.length === 1 && diff.path[0] === "paths")
      .map((diff) => [String(diff.before), String(diff.after)]),
  );
  const paths: PathsContext = { before, after, renamedPaths };
  const changes = [
    ...diffs.flatMap((diff) => classifyDiff(paths, diff)),
    ...securityRequirementChanges(before, after, renamedPaths),
    ...securitySchemeChanges(before, after),
    ...serverChanges(before, after),
  ];
  return sortChanges(withoutDuplicates(changes));
}

/**
 * api-smart-diff writes a line to console.error when one of its own classifiers throws (on `required` in an
 * allOf part that declares no fields, as Box's spec has) and leaves that diff unclassified; the rules here
 * classify it. On the user's terminal the line would be noise naming api-smart-diff's internals.
 */
function withoutClassifierLogs<T>(run: () => T): T {
  const log = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] !== "string" || !args[0].startsWith("Classification Rule error")) log(...args);
  };
  try {
    return run();
  } finally {
    console.error = log;
  }
}

function classifyDiff(paths: PathsContext, diff: Diff): SpecChange[] {
  const section = diff.path[0];
  if (section === "paths") return classifyPathDiff(paths, diff);
  // Components are judged where operations use them; security and servers are compared whole.
  if (section === "components" || section === "security" || section === "servers") return [];
  return [documentChange(paths, diff)];
}

function documentChange(paths: PathsContext, diff: Diff): SpecChange {
  const kind: ChangeKind = diff.action === "add" ? "added" : diff.action === "remove" ? "removed" : "changed";
  const section = String(diff.path[0]);
  const documentation = DOCUMENTATION_SECTIONS.has(section) || section.startsWith("x-");
  const what = code(diff.path.join("."));
  const scalar = (value: unknown) => value === null || typeof value !== "object";
  const summary: MessagePart[] =
    kind === "changed" && scalar(diff.before) && scalar(diff.after)
      ? ["changed ", what, " from ", codeValue(diff.before), " to ", codeValue(diff.after)]
      : [`${kind === "added" ? "added" : kind === "removed" ? "removed" : "changed"} `, what];
  const located = locate(kind === "removed" ? paths.before : paths.after, diff.path);
  return makeChange({
    kind,
    area: documentation ? "documentation" : "other",
    pointer: located === undefined ? toPointer(diff.path) : pointerOf(located),
    ...(documentation ? unitaskVerdict("documentation", "non-breaking") : fallbackVerdict(diff, "document-changed")),
    summary,
    before: diff.before,
    after: diff.after,
  });
}

/**
 * One change per pointer, kind and sentence. A schema shared by several media types of one body is judged
 * in each (`string` → `integer` is breaking in JSON, not in text/plain): the most severe verdict stands.
 */
function withoutDuplicates(changes: readonly SpecChange[]): SpecChange[] {
  const kept = new Map<string, SpecChange>();
  for (const change of changes) {
    const key = `${change.pointer}\u0000${change.kind}\u0000${plainText(change.summary)}`;
    const seen = kept.get(key);
    if (seen === undefined || SEVERITY_ORDER.indexOf(change.severity) < SEVERITY_ORDER.indexOf(seen.severity)) {
      kept.set(key, change);
    }
  }
  return [...kept.values()];
}

function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Pointer, then kind, then message: code-unit order, the same on every machine and locale. */
export function sortChanges(changes: readonly SpecChange[]): SpecChange[] {
  return [...changes].sort(
    (left, right) =>
      compareText(left.pointer, right.pointer) ||
      compareText(left.kind, right.kind) ||
      compareText(left.message, right.message),
  );
}
