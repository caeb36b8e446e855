/** Starting and stopping the Workers a benchmark talks to (wrangler dev --local, i.e. workerd). */
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./report.ts";

export interface RunningServer {
  url: string;
  /** Milliseconds from spawn until the first successful response. */
  readyMs: number;
  /** Where its local D1/R2 data lives (app Worker only). */
  stateDir?: string;
  stop(): Promise<void>;
}

async function waitForUrl(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering ${url}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function launch(
  command: string,
  args: string[],
  env: Record<string, string>,
  url: string,
  log: string,
): Promise<RunningServer> {
  const started = performance.now();
  // Own process group, so stop() ends wrangler and workerd together (and nothing else).
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: "pipe" });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    try {
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Gone between the check and the kill.
    }
  };
  return waitForUrl(url, child, 180_000).then(
    () => ({ url, readyMs: performance.now() - started, stop }),
    async (error: Error) => {
      await stop();
      throw new Error(`${log}: ${error.message}\n${output}`);
    },
  );
}

/**
 * The built app Worker (.open-next, not rebuilt) in offline mode on a fresh local D1/R2, with the
 * per-IP and per-identity rate limits off: every bench request comes from 127.0.0.1 and a bench
 * would otherwise measure the limiter's 429s.
 */
export async function startAppWorker(port: number, extraArgs = ""): Promise<RunningServer> {
  const state = join(ROOT, ".wrangler", `bench-state-${port}`);
  rmSync(state, { recursive: true, force: true });
  const server = await launch(
    "bash",
    ["scripts/start.sh"],
    {
      SKIP_BUILD: "1",
      PORT: String(port),
      PERSIST_TO: state,
      AI_MODE: "offline",
      WRANGLER_DEV_ARGS: `--var RATE_LIMITS:off ${extraArgs}`,
    },
    `http://127.0.0.1:${port}`,
    "app Worker",
  );
  return { ...server, stateDir: state };
}

/** The bare Worker of bench/bare-worker: the offline binding's stream straight to the response. */
export function startBareWorker(port: number): Promise<RunningServer> {
  return launch(
    "npx",
    [
      "wrangler",
      "dev",
      "--local",
      "--config",
      "bench/bare-worker/wrangler.jsonc",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
    ],
    {},
    `http://127.0.0.1:${port}/health`,
    "bare Worker",
  );
}
