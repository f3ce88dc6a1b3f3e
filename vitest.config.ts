import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const generated = fileURLToPath(new URL("./generated/", import.meta.url));

export default defineConfig({
  resolve: {
    // The generated packages import each other by package name, as their consumers do.
    alias: [
      { find: /^@unitask\/core\/testing$/, replacement: `${generated}core/src/testing/index.ts` },
      { find: /^@unitask\/core\/internal$/, replacement: `${generated}core/src/internal.ts` },
      { find: /^@unitask\/([a-z0-9-]+)$/, replacement: `${generated}$1/src/index.ts` },
    ],
  },
  test: {
    include: ["test/**/*.test.ts", "generated/*/test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts", "generated/*/test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
