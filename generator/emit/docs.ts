// Spec text placed into generated code and documents, escaped for the place it lands in.

/** Text for a JSDoc block: `*​/` cannot close the comment early. */
export function jsDocText(text: string): string {
  return text.replaceAll("*/", "*\\/").replace(/\r\n?/g, "\n").trim();
}

/** A TypeScript string literal. Backticks escaped too, so the literal is also safe in Markdown code. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value).replaceAll("`", "\\u0060");
}

/** A TypeScript expression for plain data (JSON values only). */
export function dataLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replaceAll("`", "\\u0060");
}

/** One line of Markdown prose: no HTML, no links, headings, code spans or table cells from the spec. */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>#|&!{}]/g, (character) => `\\${character}`);
}

/** JSDoc lines for an operation or member from its summary, description and deprecation. */
export function operationDocs(parts: {
  summary?: string;
  description?: string;
  deprecated?: boolean;
}): string | undefined {
  const lines = [parts.summary, parts.description !== parts.summary ? parts.description : undefined]
    .filter((line): line is string => line !== undefined)
    .map(jsDocText);
  if (parts.deprecated) lines.push("@deprecated");
  return lines.length > 0 ? lines.join("\n\n") : undefined;
}
