// The CHANGELOG.md section for one release. Spec text is untrusted: every piece of it is escaped for
// Markdown, so a field name or enum value cannot end its list item, open HTML or inject a link.
import { oneLine, type ChangeSeverity, type MessagePart, type SpecChange } from "./change.js";
import { sortChanges } from "./diff-specs.js";

const SECTION_TITLES: ReadonlyArray<[ChangeSeverity, string]> = [
  ["breaking", "Breaking changes"],
  ["potentially-breaking", "Potentially breaking"],
  ["non-breaking", "Other changes"],
];

// Characters that start Markdown or HTML constructs inside a line. Every ASCII punctuation character
// may be backslash-escaped in CommonMark; these are the ones that can mean something mid-line.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&|~!#]/g;

export function escapeMarkdownText(text: string): string {
  return oneLine(text).replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

/** A code span that holds any text: the fence outgrows the longest backtick run inside, and HTML stays literal. */
export function markdownCodeSpan(text: string): string {
  const content = oneLine(text);
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = content === "" || /^[`\s]|[`\s]$/.test(content) ? ` ${content} ` : content;
  return `${fence}${padded}${fence}`;
}

export function markdownSentence(parts: readonly MessagePart[]): string {
  return parts
    .map((part) => (typeof part === "string" ? escapeMarkdownText(part) : markdownCodeSpan(part.code)))
    .join("");
}

/**
 * ```
 * ## 2.0.0
 *
 * ### Breaking changes
 *
 * - GET /tasks/{task\_id} 200 response: removed field `name`
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
    blocks.push(`### ${title}`, items.map((change) => `- ${markdownSentence(change.summary)}`).join("\n"));
  }
  return `${blocks.join("\n\n")}\n`;
}
