// npm run build:cli: bundles generator/ into dist/ (the CLI entry and what an unchanged run needs in one
// file, the compilers in chunks loaded only when a package is rebuilt; every file at dist/'s top level,
// one below the package root, as generator/*.ts are) and records the generator's fingerprint there.
import { build } from "esbuild";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = path.join(root, "dist");

await rm(dist, { recursive: true, force: true });
await build({
  entryPoints: ["cli", "inputs"].map((name) => path.join(root, "generator", `${name}.ts`)),
  outdir: dist,
  bundle: true,
  splitting: true,
  chunkNames: "[name]-[hash]",
  packages: "external",
  platform: "node",
  format: "esm",
  logLevel: "warning",
});

const { computeGeneratorFingerprint } = await import(path.join(dist, "inputs.js"));
await writeFile(
  path.join(dist, "fingerprint.json"),
  `${JSON.stringify({ fingerprint: await computeGeneratorFingerprint() })}\n`,
);
