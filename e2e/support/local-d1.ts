import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A value as an SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Runs SQL against a running local Worker's D1 (`wrangler d1 execute --local`),
 * for seeding data too large to make through the app (e2e and benchmarks).
 * Imports only Node built-ins, so bench/ can run it with Node's type stripping.
 */
export function executeLocalD1Sql(sql: string, options: { stateDir: string; cwd?: string }): void {
  const dir = mkdtempSync(join(tmpdir(), "wac-seed-"));
  try {
    const file = join(dir, "seed.sql");
    writeFileSync(file, sql);
    execFileSync(
      "npx",
      [
        "wrangler",
        "d1",
        "execute",
        "DB",
        "--local",
        "--env",
        "local",
        "--persist-to",
        options.stateDir,
        "--file",
        file,
      ],
      {
        cwd: options.cwd,
        stdio: "pipe",
        env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
