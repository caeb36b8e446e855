/**
 * Worker size and startup: the gzip upload size `wrangler deploy --dry-run` reports (what counts
 * against the plan's limit), and startup time from `wrangler check startup` (a CPU profile of the
 * Worker's top-level evaluation in workerd), next to the bare bench Worker as the floor.
 *
 *   npm run bench:worker      (needs a built Worker: npm run build:worker)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendResults, type BudgetCheck, median, ms, ROOT, table } from "./lib/report.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_KIB = 3072;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };

function wrangler(args: string[]): string {
  return execFileSync("npx", ["wrangler", ...args], { cwd: ROOT, env, encoding: "utf8", stdio: "pipe" });
}

/** Sizes as `wrangler deploy` reports them; also writes the upload bundle `wrangler check startup` profiles. */
function uploadSize(config: string[], outfile: string): { raw: number; gzip: number } {
  const output = wrangler(["deploy", "--dry-run", "--outfile", outfile, ...config]);
  const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
  if (!match) throw new Error(`no size in wrangler's output:\n${output}`);
  return { raw: Number(match[1]), gzip: Number(match[2]) };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * CPU milliseconds of the startup profile of a built bundle: the sampled time that is not idle
 * (the profile's wall span includes waiting, so it is not used).
 */
function startupMs(bundle: string, dir: string): number {
  const outfile = join(dir, "startup.cpuprofile");
  wrangler(["check", "startup", "--worker", bundle, "--outfile", outfile]);
  const profile = JSON.parse(readFileSync(outfile, "utf8")) as CpuProfile;
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((node) => node.id));
  let micros = 0;
  profile.samples.forEach((sample, i) => {
    if (!idle.has(sample)) micros += profile.timeDeltas[i] ?? 0;
  });
  return micros / 1000;
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), "bench-worker-"));
  try {
    const workers = [
      { name: "app Worker", config: [] as string[] },
      { name: "bare bench Worker (floor)", config: ["--config", "bench/bare-worker/wrangler.jsonc"] },
    ];
    const results = workers.map((worker) => {
      const bundle = join(dir, worker.config.length > 0 ? "bare.bundle" : "app.bundle");
      const size = uploadSize(worker.config, bundle);
      const startups: number[] = [];
      for (let i = 0; i < RUNS; i++) startups.push(startupMs(bundle, dir));
      return { ...worker, size, startup: median(startups), startups };
    });
    const app = results[0] as (typeof results)[number];
    const body = [
      `Sizes from \`wrangler deploy --dry-run\`; startup = CPU time (non-idle samples) of \`wrangler check startup\`'s profile of the built bundle, median of ${RUNS}.`,
      "",
      table(
        ["Worker", "Upload", "gzip", "Startup (median)", "Startup runs"],
        results.map((r) => [
          r.name,
          `${r.size.raw.toFixed(0)} KiB`,
          `${r.size.gzip.toFixed(0)} KiB`,
          ms(r.startup),
          r.startups.map((s) => s.toFixed(0)).join(", "),
        ]),
      ),
    ].join("\n");
    const checks: BudgetCheck[] = [
      {
        name: "Worker gzip size",
        actual: `${app.size.gzip.toFixed(0)} KiB`,
        budget: `< ${BUDGET_KIB} KiB`,
        pass: app.size.gzip < BUDGET_KIB,
      },
    ];
    appendResults("Worker size and startup", "npm run bench:worker", body, checks);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
