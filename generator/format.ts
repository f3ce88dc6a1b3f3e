// Stage 5, format: every emitted text file goes through prettier with the project's one config.
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const configFile = fileURLToPath(new URL("../.prettierrc.json", import.meta.url));
let config: Promise<prettier.Options | null> | undefined;

const PARSERS: Record<string, string> = { ".ts": "typescript", ".json": "json", ".md": "markdown" };

/**
 * Above this size a file keeps its emitter's own formatting (ts-morph's, the templates'), which is
 * deterministic too. Prettier takes 2 to 5 s of CPU per megabyte (measured on a 160 kB index.ts and a
 * 350 kB README of GitHub's spec: 0.8 s and 0.7 s), which made formatting 13 % of generating a large
 * spec's package, for files nobody edits by hand; a Markdown table renders the same unpadded.
 */
const FORMAT_LIMIT = 100_000;

export async function formatFile(relativePath: string, text: string): Promise<string> {
  const extension = relativePath.slice(relativePath.lastIndexOf("."));
  const parser = PARSERS[extension];
  if (!parser || text.length > FORMAT_LIMIT) return text;
  config ??= prettier.resolveConfig(configFile, { editorconfig: false });
  return prettier.format(text, { ...(await config), parser });
}
