// Stage 5, format: every emitted text file goes through prettier with the project's one config.
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const configFile = fileURLToPath(new URL("../.prettierrc.json", import.meta.url));
let config: Promise<prettier.Options | null> | undefined;

const PARSERS: Record<string, string> = { ".ts": "typescript", ".json": "json", ".md": "markdown" };

/**
 * Above this size a file keeps its emitter's own formatting (the TypeScript printer's, ts-morph's),
 * which is deterministic too: prettier needs about 1 s per megabyte, and a spec the size of GitHub's
 * gives 15 MB of code that nobody reads by hand.
 */
const FORMAT_LIMIT = 1_000_000;

export async function formatFile(relativePath: string, text: string): Promise<string> {
  const extension = relativePath.slice(relativePath.lastIndexOf("."));
  const parser = PARSERS[extension];
  if (!parser || text.length > FORMAT_LIMIT) return text;
  config ??= prettier.resolveConfig(configFile, { editorconfig: false });
  return prettier.format(text, { ...(await config), parser });
}
