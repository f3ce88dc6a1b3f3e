// The CHANGELOG.md section for one release: the changes by severity, each with what it hits in the
// package and, when a reviewer accepted it, why.
import { type ChangeSeverity, type SpecChange } from "./change.js";
import { sortChanges } from "./diff-specs.js";
import { hitsSentence } from "./impact.js";
import { escapeMarkdownText, markdownSentence } from "./markdown.js";

const SECTION_TITLES: ReadonlyArray<[ChangeSeverity, string]> = [
  ["breaking", "Breaking changes"],
  ["potentially-breaking", "Potentially breaking"],
  ["non-breaking", "Other changes"],
];

/** `- <change>`, then indented `- Hits: …` and `- Accepted: …` lines when there are any. */
export function changelogItem(change: SpecChange): string {
  const lines = [`- ${markdownSentence(change.summary)}`];
  if (change.hits !== undefined) lines.push(`  - Hits: ${markdownSentence(hitsSentence(change.hits))}`);
  if (change.accepted !== undefined) lines.push(`  - Accepted: ${escapeMarkdownText(change.accepted)}`);
  return lines.join("\n");
}

/**
 * ```
 * ## 2.0.0
 *
 * ### Breaking changes
 *
 * - GET /tasks/{task\_id} 200 response: removed field `name`
 *   - Hits: `getTask`; `GetTaskData` at `name`
 * ```
 * Sections by severity, empty ones left out; no date, so the same changes always give the same bytes.
 * No changes give the empty string.
 */
export function renderChangelogEntry(version: string, changes: readonly SpecChange[]): string {
  if (changes.length === 0) return "";
  const sorted = sortChanges(changes);
  const blocks = [`## ${escapeMarkdownText(version)}`];
  for (const [severity, title] of SECTION_TITLES) {
    const items = sorted.filter((change) => change.severity === severity);
    if (items.length === 0) continue;
    blocks.push(`### ${title}`, items.map(changelogItem).join("\n"));
  }
  return `${blocks.join("\n\n")}\n`;
}
