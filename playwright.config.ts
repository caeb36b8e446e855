import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests: Chromium against the production build of the app running
 * in workerd (`wrangler dev --local --env local`, offline mode), started by
 * Playwright itself. Run with `npm run test:e2e` (scripts/test-e2e.sh builds the
 * Worker and finds a Chromium first); `npx playwright test` works once
 * .open-next/ is built.
 *
 * Browser: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's
 * own download (`npx playwright install chromium`).
 */
// E2E_PORT lets a second checkout run its suite alongside (CI clones, parallel work).
const PORT = Number(process.env.E2E_PORT ?? 8788);
const baseURL = `http://127.0.0.1:${PORT}`;
const CI = !!process.env.CI;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Small (2-core) machines: one browser at a time next to workerd.
  workers: 1,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath:
            process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    // The built Worker (.open-next/) in workerd with a fresh local D1 each run.
    // OPENAI_API_KEYS turns on the /v1 API for e2e/openai-api.spec.ts.
    command: `rm -rf .wrangler/e2e-state && SKIP_BUILD=1 PORT=${PORT} PERSIST_TO=.wrangler/e2e-state WRANGLER_DEV_ARGS="--var OPENAI_API_KEYS:test:sk-test-123" bash scripts/start.sh`,
    url: baseURL,
    reuseExistingServer: !CI,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
