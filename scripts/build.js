// npm run build:cli: bundles generator/ into dist/ (the CLI entry and the few small chunks an unchanged run needs,
// the compilers in chunks loaded only when a package is rebuilt; every file at dist/'s top level, one below the
// package root, as generator/*.ts are) and records the generator's fingerprint there. The files are CommonJS:
// node starts a CommonJS program without its ES module loader, 4 to 5 ms sooner, and an unchanged run is mostly
// start-up (measured with bench/rerun.ts).
import { build, transform } from "esbuild";
import { createRequire } from "node:module";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(import.meta.url);
const dist = path.join(root, "dist");

/**
 * The one TypeScript compiler the generator runs on: ts-morph's own copy (6.0, which ts-morph always uses),
 * given to openapi-typescript and to the emitters that import `typescript`. node_modules/typescript (5.9) is what
 * the generated packages build with; loading it as well put a second 9 MB compiler in every run, 0.25 s of a
 * 5.5 s run on GitHub's spec. openapi-typescript asks for ^5 but uses only ts.factory and the printer: its
 * output is byte for byte the same on 6.0 (the seeds' golden files, GitHub's and Graph's schema.ts compared).
 */
const GENERATOR_TYPESCRIPT = "@ts-morph/common/dist/typescript.js";

/**
 * `typescript`, wherever it is imported or required, is the generator's one compiler; openapi-typescript is bundled
 * (its CommonJS build), so that its own `require("typescript")` gets that compiler too.
 */
const oneTypeScript = {
  name: "one-typescript",
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({ path: GENERATOR_TYPESCRIPT, external: true }));
    build.onResolve({ filter: /^openapi-typescript$/ }, () => ({ path: require.resolve("openapi-typescript") }));
  },
};

// esbuild splits code into chunks only for ES modules; each output file is then made CommonJS on its own. An
// `import()` stays one: a chunk loaded so is still one instance, in require's cache, and tsx's CommonJS API, which
// `unitask task` imports, cannot be required (it looks for its ES module half at a wrong path).
const { outputFiles } = await build({
  plugins: [oneTypeScript],
  entryPoints: ["cli", "inputs"].map((name) => path.join(root, "generator", `${name}.ts`)),
  outdir: dist,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  splitting: true,
  chunkNames: "[name]-[hash]",
  packages: "external",
  platform: "node",
  format: "esm",
  write: false,
  logLevel: "warning",
});
await rm(dist, { recursive: true, force: true });
await mkdir(dist);
for (const file of outputFiles) {
  const usesUrl = file.text.includes("import.meta.url");
  const { code, warnings } = await transform(file.text, {
    format: "cjs",
    platform: "node",
    target: "node20",
    loader: "js",
    logLevel: "warning",
    ...(usesUrl && {
      define: { "import.meta.url": "__moduleUrl" },
      banner: 'const __moduleUrl = require("node:url").pathToFileURL(__filename).href;',
    }),
  });
  // Such as another `import.meta` field, which would be undefined in CommonJS.
  if (warnings.length > 0) throw new Error(`${path.basename(file.path)} cannot be made CommonJS as it is`);
  await writeFile(file.path, code, { mode: path.basename(file.path) === "cli.cjs" ? 0o755 : 0o644 });
}

const { computeGeneratorFingerprint } = await import(path.join(dist, "inputs.cjs"));
await writeFile(
  path.join(dist, "fingerprint.json"),
  `${JSON.stringify({ fingerprint: await computeGeneratorFingerprint() })}\n`,
);
