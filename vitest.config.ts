import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    include: ["{app,lib,components}/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["./lib/testing/global-setup.ts"],
    // Route tests share one local D1 (miniflare); files run one after another.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
