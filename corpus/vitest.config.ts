// The emitted tests of one corpus workspace: corpus/check.ts runs vitest with the workspace as its
// working directory, so `generated/` and the `@unitask/*` packages are resolved from there.
import path from "node:path";
import { defineConfig } from "vitest/config";

const generated = path.join(process.cwd(), "generated");

export default defineConfig({
  resolve: {
    alias: [{ find: /^@unitask\/([a-z0-9-]+)$/, replacement: `${generated}/$1/src/index.ts` }],
  },
  test: {
    root: process.cwd(),
    include: ["generated/*/test/**/*.test.ts"],
    // Prism's mock server is a second, slower opinion on the same responses; the loopback tests are the check.
    exclude: ["**/prism.test.ts"],
    testTimeout: 20_000,
  },
});
