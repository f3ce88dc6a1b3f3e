// npm run build: compiles generator/ to dist/, one JavaScript file per module in the same layout (so
// paths relative to import.meta.url hold in both), and records the generator's fingerprint there.
import { build } from "esbuild";
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const sources = path.join(root, "generator");
const dist = path.join(root, "dist");

const entryPoints = (await readdir(sources, { recursive: true }))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => path.join(sources, file));
await rm(dist, { recursive: true, force: true });
await build({ entryPoints, outdir: dist, outbase: sources, platform: "node", format: "esm", logLevel: "warning" });

const { computeGeneratorFingerprint } = await import(path.join(dist, "inputs.js"));
await writeFile(
  path.join(dist, "fingerprint.json"),
  `${JSON.stringify({ fingerprint: await computeGeneratorFingerprint() })}\n`,
);
