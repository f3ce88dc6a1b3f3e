// Spec text in Markdown (the CHANGELOG, the pull-request report). Spec text is untrusted: every piece
// of it is escaped, so a field name or enum value cannot end its list item, open HTML or inject a link.
import { oneLine, type MessagePart } from "./change.js";

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
