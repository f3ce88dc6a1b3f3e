// npm run build:cli: bundles generator/ into dist/ (the CLI entry and what an unchanged run needs in one
// file, the compilers in chunks loaded only when a package is rebuilt; every file at dist/'s top level,
// one below the package root, as generator/*.ts are) and records the generator's fingerprint there.
import { build } from "esbuild";
import { createRequire } from "node:module";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(import.meta.url);
const dist = path.join(root, "dist");

/**
 * Packages with a CommonJS entry that the bundle loads through `require`. Imported from an ES module, a CommonJS
 * file is first scanned for its export names (cjs-module-lexer, following every re-export) and for module syntax:
 * for a 9 MB compiler such as TypeScript, that doubled the cost of loading it
 * (0.8 s of CPU against 0.4 s, measured with `node -e` on both forms).
 */
const REQUIRED_PACKAGES = ["ts-morph", "@redocly/openapi-core", "yaml", "ajv", "ajv/dist/2020.js", "handlebars"];

/**
 * The one TypeScript compiler the generator runs on: ts-morph's own copy (6.0, which ts-morph always uses),
 * given to openapi-typescript and to the emitters that import `typescript`. node_modules/typescript (5.9) is what
 * the generated packages build with; loading it as well put a second 9 MB compiler in every run, 0.25 s of a
 * 5.5 s run on GitHub's spec. openapi-typescript asks for ^5 but uses only ts.factory and the printer: its
 * output is byte for byte the same on 6.0 (the seeds' golden files, GitHub's and Graph's schema.ts compared).
 */
const GENERATOR_TYPESCRIPT = "@ts-morph/common/dist/typescript.js";

/** What the bundle requires for each of those imports: the package itself, or for `typescript` the generator's one. */
const REQUIRED = new Map([
  ...REQUIRED_PACKAGES.map((name) => [name, name]),
  ["typescript", GENERATOR_TYPESCRIPT],
  [GENERATOR_TYPESCRIPT, GENERATOR_TYPESCRIPT],
]);

/**
 * `import … from "ts-morph"` in the bundle becomes a CommonJS module of one line, `module.exports = require(…)`;
 * `typescript`, wherever it is imported or required, the generator's one compiler; openapi-typescript is bundled
 * (its CommonJS build), so that its own `require("typescript")` gets that compiler too.
 */
const requirePackages = {
  name: "require-packages",
  setup(build) {
    const filter = new RegExp(`^(${[...REQUIRED.keys()].map((name) => name.replace(/[./]/g, "\\$&")).join("|")})$`);
    build.onResolve({ filter }, (args) => {
      const required = REQUIRED.get(args.path);
      return args.kind === "require-call"
        ? { path: required, external: true }
        : { path: required, namespace: "required" };
    });
    build.onResolve({ filter: /^openapi-typescript$/ }, () => ({ path: require.resolve("openapi-typescript") }));
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
