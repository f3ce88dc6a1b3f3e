// The change report `unitask diff` and `generate` print: text grouped by severity, or JSON for `--json`.
import {
  oneLine,
  SEVERITY_ORDER,
  type ChangeArea,
  type ChangeKind,
  type ChangeSeverity,
  type SpecChange,
} from "./change.js";
import { sortChanges } from "./diff-specs.js";
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

/**
 * ```
 * deck: 2 changes (1 breaking, 0 potentially breaking, 1 non-breaking)
 * Breaking:
 *   - GET /tasks/{task_id} 200 response: removed field `name` (breaking)
 * ```
 * Groups without changes are left out; no changes at all give the empty string.
 */
export function renderReport(provider: string, changes: readonly SpecChange[]): string {
  if (changes.length === 0) return "";
  const counts = countBySeverity(changes);
  const total = `${changes.length} ${changes.length === 1 ? "change" : "changes"}`;
  const lines = [
    `${oneLine(provider)}: ${total} (${counts.breaking} breaking, ${counts["potentially-breaking"]} potentially breaking, ${counts["non-breaking"]} non-breaking)`,
  ];
  const sorted = sortChanges(changes);
  for (const severity of SEVERITY_ORDER) {
    const group = sorted.filter((change) => change.severity === severity);
    if (group.length === 0) continue;
    lines.push(`${GROUP_TITLES[severity]}:`, ...group.map((change) => `  - ${change.message}`));
  }
  return `${lines.join("\n")}\n`;
}

export interface JsonReportChange {
  kind: ChangeKind;
  area: ChangeArea;
  severity: ChangeSeverity;
  pointer: string;
  operation?: string;
  field?: string;
  before?: unknown;
  after?: unknown;
  message: string;
}

export interface JsonReport {
  provider: string;
  /** What the change set asks of the package version; `null` when nothing changed. */
  bump: VersionBump | null;
  counts: Record<ChangeSeverity, number>;
  changes: JsonReportChange[];
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
      pointer: change.pointer,
      ...(change.operation === undefined ? {} : { operation: change.operation }),
      ...(change.field === undefined ? {} : { field: change.field }),
      ...(change.before === undefined ? {} : { before: change.before }),
      ...(change.after === undefined ? {} : { after: change.after }),
      message: change.message,
    })),
  };
}
