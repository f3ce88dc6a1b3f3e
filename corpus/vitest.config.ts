// The emitted tests of one corpus workspace: corpus/check.ts runs vitest with the workspace as its
// working directory, so `generated/` and the `@unitask/*` packages are resolved from there.
import path from "node:path";
import { defineConfig } from "vitest/config";

const generated = path.join(process.cwd(), "generated");

export default defineConfig({
  resolve: {
    // As the repository's own vitest.config.ts: core's subpath entries first, then each package by name.
    alias: [
      { find: /^@unitask\/core\/testing$/, replacement: `${generated}/core/src/testing/index.ts` },
      { find: /^@unitask\/core\/internal$/, replacement: `${generated}/core/src/internal.ts` },
      { find: /^@unitask\/([a-z0-9-]+)$/, replacement: `${generated}/$1/src/index.ts` },
    ],
  },
  test: {
    root: process.cwd(),
    include: ["generated/*/test/**/*.test.ts"],
    // Prism's mock server is a second, slower opinion on the same responses; the loopback tests are the check.
    exclude: ["**/prism.test.ts"],
    testTimeout: 20_000,
  },
});
