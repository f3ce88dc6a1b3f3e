// npm run build:cli: bundles generator/ into dist/ (the CLI entry and what an unchanged run needs in one
// file, the compilers in chunks loaded only when a package is rebuilt; every file at dist/'s top level,
// one below the package root, as generator/*.ts are) and records the generator's fingerprint there.
import { build } from "esbuild";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = path.join(root, "dist");

/**
 * Packages with a CommonJS entry that the bundle loads through `require`. Imported from an ES module, a CommonJS
 * file is first scanned for its export names (cjs-module-lexer, following every re-export) and for module syntax:
 * for TypeScript's 9 MB compiler, loaded by openapi-typescript and by us, that doubled the cost of loading it
 * (0.8 s of CPU against 0.4 s, measured with `node -e` on both forms).
 */
const REQUIRED_PACKAGES = [
  "typescript",
  "ts-morph",
  "openapi-typescript",
  "@redocly/openapi-core",
  "yaml",
  "ajv",
  "ajv/dist/2020.js",
  "handlebars",
];

/** `import … from "typescript"` in the bundle becomes a CommonJS module of one line, `module.exports = require(…)`. */
const requirePackages = {
  name: "require-packages",
  setup(build) {
    const filter = new RegExp(`^(${REQUIRED_PACKAGES.map((name) => name.replace(/[./]/g, "\\$&")).join("|")})$`);
    build.onResolve({ filter }, (args) =>
      args.kind === "require-call" ? { path: args.path, external: true } : { path: args.path, namespace: "required" },
    );
    build.onLoad({ filter: /.*/, namespace: "required" }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: "js",
    }));
  },
};

await rm(dist, { recursive: true, force: true });
await build({
  plugins: [requirePackages],
  // What esbuild's require shim calls in an ES module.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
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
