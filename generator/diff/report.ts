// The change report `unitask diff` and `generate` print: text grouped by severity, JSON for `--json`, and
// Markdown for a pull request (`--format markdown`). Each change comes with its rule, what it hits in
// the generated package, and the reason when a reviewer accepted it.
import {
  oneLine,
  plainText,
  SEVERITY_ORDER,
  type ChangeArea,
  type ChangeKind,
  type ChangeSeverity,
  type SpecChange,
} from "./change.js";
import { sortChanges } from "./diff-specs.js";
import { hitsSentence, type ChangeHits, type MappingHit } from "./impact.js";
import { escapeMarkdownText, markdownCodeSpan, markdownSentence } from "./markdown.js";
import type { RuleLevel } from "./rules.js";
import { bumpFor, type VersionBump } from "./version-bump.js";

const GROUP_TITLES: Readonly<Record<ChangeSeverity, string>> = {
  breaking: "Breaking",
  "potentially-breaking": "Potentially breaking",
  "non-breaking": "Non-breaking",
};

function countBySeverity(changes: readonly SpecChange[]): Record<ChangeSeverity, number> {
  const counts: Record<ChangeSeverity, number> = { breaking: 0, "potentially-breaking": 0, "non-breaking": 0 };
  for (const change of changes) counts[change.severity] += 1;
  return counts;
}

function countsText(changes: readonly SpecChange[]): string {
  const counts = countBySeverity(changes);
  const total = `${changes.length} ${changes.length === 1 ? "change" : "changes"}`;
  return `${total} (${counts.breaking} breaking, ${counts["potentially-breaking"]} potentially breaking, ${counts["non-breaking"]} non-breaking)`;
}

function bySeverity(changes: readonly SpecChange[]): Array<[ChangeSeverity, SpecChange[]]> {
  const sorted = sortChanges(changes);
  return SEVERITY_ORDER.map((severity): [ChangeSeverity, SpecChange[]] => [
    severity,
    sorted.filter((change) => change.severity === severity),
  ]).filter(([, group]) => group.length > 0);
}

/**
 * ```
 * deck: 2 changes (1 breaking, 0 potentially breaking, 1 non-breaking)
 * Breaking:
 *   - GET /tasks/{task_id} 200 response: removed field `name` (breaking)
 *       hits: `getTask`; `GetTaskData` at `name`
 * ```
 * Groups without changes are left out; no changes at all give the empty string.
 */
export function renderReport(provider: string, changes: readonly SpecChange[]): string {
  if (changes.length === 0) return "";
  const lines = [`${oneLine(provider)}: ${countsText(changes)}`];
  for (const [severity, group] of bySeverity(changes)) {
    lines.push(`${GROUP_TITLES[severity]}:`);
    for (const change of group) {
      lines.push(`  - ${change.message}`);
      if (change.hits !== undefined) lines.push(`      hits: ${plainText(hitsSentence(change.hits))}`);
      if (change.accepted !== undefined) lines.push(`      accepted: ${oneLine(change.accepted)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The report as a pull-request comment: a summary line, then a section per severity, each change with its
 * pointer and rule, what it hits and why it was accepted. Spec text is escaped for Markdown.
 */
export function renderMarkdownReport(provider: string, changes: readonly SpecChange[]): string {
  const title = `## Spec changes: ${escapeMarkdownText(provider)}`;
  if (changes.length === 0) return `${title}\n\nNo changes.\n`;
  const bump = bumpFor(changes);
  const blocks = [title, `${escapeMarkdownText(countsText(changes))}; the package version moves: ${bump}.`];
  for (const [severity, group] of bySeverity(changes)) {
    const items = group.map((change) => {
      const lines = [`- ${markdownSentence(change.summary)}`];
      const stricter =
        change.stricterThan === undefined ? "" : ` (client-generator rule; oasdiff: ${change.stricterThan})`;
      lines.push(`  - ${markdownCodeSpan(change.pointer)} · rule ${markdownCodeSpan(change.rule)}${stricter}`);
      if (change.hits !== undefined) lines.push(`  - Hits: ${markdownSentence(hitsSentence(change.hits))}`);
      if (change.accepted !== undefined) lines.push(`  - Accepted: ${escapeMarkdownText(change.accepted)}`);
      return lines.join("\n");
    });
    blocks.push(`### ${GROUP_TITLES[severity]} (${group.length})`, items.join("\n"));
  }
  return `${blocks.join("\n\n")}\n`;
}

/** What a change hits, as JSON: the sentence parts (`note`, `effect`) as plain text. */
export interface JsonHits extends Omit<ChangeHits, "note" | "mapping"> {
  mapping?: Omit<MappingHit, "effect"> & { effect?: string };
  note?: string;
}

export interface JsonReportChange {
  kind: ChangeKind;
  area: ChangeArea;
  severity: ChangeSeverity;
  /** oasdiff's rule id, or `unitask/<name>`. */
  rule: string;
  /** oasdiff's level, when unitask's severity is a client-generator rule stricter than it. */
  stricterThan?: RuleLevel;
  pointer: string;
  operation?: string;
  field?: string;
  before?: unknown;
  after?: unknown;
  message: string;
  hits?: JsonHits;
  /** The reviewer's reason, when accepted-changes.yaml accepts the change. */
  accepted?: string;
}

export interface JsonReport {
  provider: string;
  /** What the change set asks of the package version; `null` when nothing changed. */
  bump: VersionBump | null;
  counts: Record<ChangeSeverity, number>;
  changes: JsonReportChange[];
}

function jsonHits(hits: ChangeHits): JsonHits {
  const { note, mapping, ...rest } = hits;
  return {
    ...rest,
    ...(mapping === undefined
      ? {}
      : {
          mapping: {
            file: mapping.file,
            entry: mapping.entry,
            unifiedField: mapping.unifiedField,
            ...(mapping.effect === undefined ? {} : { effect: plainText(mapping.effect) }),
          },
        }),
    ...(note === undefined ? {} : { note: plainText(note) }),
  };
}

/** The same report as plain data, for `JSON.stringify`; changes in report order. */
export function toJsonReport(provider: string, changes: readonly SpecChange[]): JsonReport {
  return {
    provider,
    bump: bumpFor(changes),
    counts: countBySeverity(changes),
    changes: sortChanges(changes).map((change) => ({
      kind: change.kind,
      area: change.area,
      severity: change.severity,
      rule: change.rule,
      ...(change.stricterThan === undefined ? {} : { stricterThan: change.stricterThan }),
      pointer: change.pointer,
      ...(change.operation === undefined ? {} : { operation: change.operation }),
      ...(change.field === undefined ? {} : { field: change.field }),
      ...(change.before === undefined ? {} : { before: change.before }),
      ...(change.after === undefined ? {} : { after: change.after }),
      message: change.message,
      ...(change.hits === undefined ? {} : { hits: jsonHits(change.hits) }),
      ...(change.accepted === undefined ? {} : { accepted: change.accepted }),
    })),
  };
}
