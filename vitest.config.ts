import { defineConfig } from "vitest/config";

/**
 * One Vitest run covers every TypeScript test in the repository: unit tests beside their
 * code and cross-package tests under test/. Chain-backed tests start their own in-process
 * EDR chain, so files may run in parallel.
 */
export default defineConfig({
  test: {
    include: [
      "common/**/*.test.ts",
      "contracts/**/*.test.ts",
      "ipfs/**/*.test.ts",
      "render-network/**/*.test.ts",
      "subgraph/host/**/*.test.ts",
      "subgraph/scripts/**/*.test.ts",
      "scripts/**/*.test.ts",
      "app/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "app/.next*/**"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
  },
});
