/** Writing a benchmark's results: a dated section appended to bench/RESULTS.md, with the machine and command. */
import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
const RESULTS = join(ROOT, "bench", "RESULTS.md");

export interface BudgetCheck {
  name: string;
  /** The measured value, formatted with its unit. */
  actual: string;
  /** The budget, formatted with its unit ("< 500 ms"). */
  budget: string;
  pass: boolean;
}

export function machine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? "unknown CPU";
  return `${model}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export function budgetTable(checks: BudgetCheck[]): string {
  return table(
    ["Budget", "Measured", "Target", "Result"],
    checks.map((check) => [check.name, check.actual, check.budget, check.pass ? "pass" : "**FAIL**"]),
  );
}

/** Appends one section; prints it too, so a run shows its numbers without opening the file. */
export function appendResults(title: string, command: string, body: string, checks: BudgetCheck[] = []): void {
  const section = [
    `## ${title} — ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
    "",
    `- Machine: ${machine()}`,
    `- Command: \`${command}\``,
    "",
    body.trim(),
    ...(checks.length > 0 ? ["", budgetTable(checks)] : []),
    "",
    "",
  ].join("\n");
  if (!existsSync(RESULTS)) {
    writeFileSync(
      RESULTS,
      "# Benchmark results\n\nAppended by the scripts in bench/ (see bench/README.md); newest last.\n\n",
    );
  }
  appendFileSync(RESULTS, section);
  console.log(`\n${section}`);
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
/** KB = 1000 bytes, as the budgets and scripts/first-load-js.mjs count. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
