import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Applies the real D1 migrations with wrangler to a fresh local state directory;
 * route tests then open that same database through miniflare.
 */
export default function setup(project: TestProject) {
  // Route handlers need a SESSION_SECRET; local runs keep a generated one in .dev.vars.
  execFileSync("bash", ["-c", "source scripts/ensure-dev-secret.sh"], { stdio: "inherit" });
  const stateDir = mkdtempSync(join(tmpdir(), "wai-chat-test-"));
  execFileSync(
    "npx",
    ["wrangler", "d1", "migrations", "apply", "DB", "--local", "--env", "local", "--persist-to", stateDir],
    {
      stdio: "pipe",
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
    },
  );
  project.provide("d1StateDir", stateDir);
  return () => rmSync(stateDir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    d1StateDir: string;
  }
}
