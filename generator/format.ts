// Stage 5, format: every emitted text file goes through prettier with the project's one config.
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";

const configFile = fileURLToPath(new URL("../.prettierrc.json", import.meta.url));
let config: Promise<prettier.Options | null> | undefined;

const PARSERS: Record<string, string> = { ".ts": "typescript", ".json": "json", ".md": "markdown" };

export async function formatFile(relativePath: string, text: string): Promise<string> {
  const extension = relativePath.slice(relativePath.lastIndexOf("."));
  const parser = PARSERS[extension];
  if (!parser) return text;
  config ??= prettier.resolveConfig(configFile, { editorconfig: false });
  return prettier.format(text, { ...(await config), parser });
}
