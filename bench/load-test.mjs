#!/usr/bin/env node
/**
 * Load test: N concurrent streaming chats against the built Worker in workerd.
 *
 *   npm run bench:load                                  # 200 streams, starts the Worker itself
 *   npm run bench:load -- --concurrency 50 --words 100  # smaller run
 *   BASE_URL=http://127.0.0.1:8787 npm run bench:load   # against a Worker you started
 *
 * Needs a built Worker (`npm run build:worker`) unless BASE_URL is given. Every
 * stream is a new browser: no cookie, so POST /api/chat mints an owner and
 * hands out its signed cookie, which the check for the saved reply then uses.
 * The offline stand-in replies with `--words` words, `--delay` ms apart, so the
 * streams overlap. A stream counts as ok only if it ends with a finish event,
 * has no error part, carries exactly the requested words, and (unless
 * --no-check-saved) the reply is then listed by GET /api/chats/:id/messages.
 *
 * Prints errors by kind and TTFB / first-token / total-stream percentiles,
 * appends a dated section to bench/RESULTS.md (--no-record to skip) and exits
 * nonzero on any error. See bench/load-test.md.
 */
import { spawn } from "node:child_process";
import { appendFileSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

const { values: opts } = parseArgs({
  options: {
    concurrency: { type: "string", default: "200" },
    words: { type: "string", default: "200" },
    delay: { type: "string", default: "5" },
    port: { type: "string", default: process.env.PORT ?? "8797" },
    timeout: { type: "string", default: "600" },
    "no-check-saved": { type: "boolean", default: false },
    "no-record": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (opts.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0]);
  process.exit(0);
}

const concurrency = positiveInt(opts.concurrency, "--concurrency");
const words = positiveInt(opts.words, "--words");
const delayMs = Number(opts.delay);
const timeoutMs = positiveInt(opts.timeout, "--timeout") * 1000;
const checkSaved = !opts["no-check-saved"];

function positiveInt(raw, name) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number, got ${raw}`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------- the Worker

/** Starts the built Worker in workerd on its own fresh local D1; resolves once it answers. */
async function startWorker(port) {
  if (!existsSync(join(ROOT, ".open-next/worker.js"))) {
    throw new Error("No built Worker in .open-next/: run `npm run build:worker` first (or pass BASE_URL).");
  }
  const stateDir = mkdtempSync(join(os.tmpdir(), "wai-chat-load-"));
  const logPath = join(stateDir, "worker.log");
  const log = createWriteStream(logPath);
  const child = spawn("bash", ["scripts/start.sh"], {
    cwd: ROOT,
    // Own process group, so stopping it also stops wrangler's workerd.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      SKIP_BUILD: "1",
      PORT: String(port),
      PERSIST_TO: stateDir,
      // Every request here comes from 127.0.0.1: per-IP rate limits would measure themselves.
      WRANGLER_DEV_ARGS: "--var RATE_LIMITS:off",
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    }
  };
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The Worker exited during start-up; see ${logPath}:\n${tail(logPath)}`);
    try {
      const response = await fetch(`${baseUrl}/api/models`);
      if (response.ok) {
        await response.arrayBuffer();
        return {
          baseUrl,
          logPath,
          stop,
          cpuSeconds: () => groupCpuSeconds(child.pid),
          cleanup: () => rmSync(stateDir, { recursive: true, force: true }),
        };
      }
    } catch {}
    await sleep(500);
  }
  stop();
  throw new Error(`The Worker did not answer within 180 s; see ${logPath}`);
}

/**
 * CPU seconds used so far by the processes in a process group, workerd apart
 * from the rest (wrangler): unlike wall time, this barely changes when other
 * work shares the machine.
 */
function groupCpuSeconds(pgid) {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const totals = { workerd: 0, other: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      // After "(name) ": state, ppid, pgrp, ...; utime and stime are the 14th and 15th fields of the line.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      totals[name === "workerd" ? "workerd" : "other"] += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {}
  }
  return totals;
}

function tail(path, lines = 30) {
  try {
    return readFileSync(path, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- one chat

class StreamError extends Error {
  constructor(kind, detail) {
    super(`${kind}: ${detail}`);
    this.kind = kind;
  }
}

let idCounter = 0;
function newId(prefix) {
  idCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${idCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Reads a UI-message SSE stream to its end, yielding each JSON chunk as it arrives. */
async function* sseChunks(body) {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const bytes of body) {
    buffer += decoder.decode(bytes, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split("\n")) {
        if (!line.startsWith("data: ")) continue;
        const data = line.slice(6);
        if (data === "[DONE]") continue;
        try {
          yield JSON.parse(data);
        } catch {
          throw new StreamError("bad_sse", `not JSON: ${data.slice(0, 80)}`);
        }
      }
      end = buffer.indexOf("\n\n");
    }
  }
}

/** One new browser's chat turn, timed, and checked end to end. */
async function oneChat(baseUrl) {
  const chatId = newId("load");
  const text = `Load test message ${chatId}. offline:words=${words} offline:delay=${delayMs}`;
  const signal = AbortSignal.timeout(timeoutMs);
  const started = performance.now();
  let response;
  try {
    response = await fetch(`${baseUrl}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        id: chatId,
        // What the browser sends with a chat's first message.
        newChat: true,
        message: { id: newId("msg"), role: "user", parts: [{ type: "text", text }] },
      }),
      signal,
    });
  } catch (error) {
    throw new StreamError(error?.name === "TimeoutError" ? "timeout" : "network", String(error?.cause ?? error));
  }
  const ttfb = performance.now() - started;
  if (response.status !== 200) {
    throw new StreamError(`http_${response.status}`, (await response.text()).slice(0, 200));
  }
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie?.startsWith("wac_owner=")) throw new StreamError("no_owner_cookie", "POST /api/chat set no owner cookie");

  let firstToken;
  let deltas = 0;
  let reply = "";
  let finished = false;
  try {
    for await (const chunk of sseChunks(response.body)) {
      if (chunk.type === "text-delta") {
        firstToken ??= performance.now() - started;
        deltas += 1;
        reply += chunk.delta;
      } else if (chunk.type === "error") {
        throw new StreamError("error_part", chunk.errorText ?? JSON.stringify(chunk));
      } else if (chunk.type === "finish") {
        finished = true;
      }
    }
  } catch (error) {
    if (error instanceof StreamError) throw error;
    throw new StreamError(error?.name === "TimeoutError" ? "timeout" : "stream_broken", String(error?.cause ?? error));
  }
  const total = performance.now() - started;
  if (!finished) throw new StreamError("no_finish", "the stream ended without a finish event");
  const replyWords = reply.split(/\s+/).filter(Boolean).length;
  if (replyWords !== words) throw new StreamError("wrong_length", `${replyWords} words instead of ${words}`);

  if (checkSaved) await expectSaved(baseUrl, chatId, cookie, reply);
  return { ttfb, firstToken: firstToken ?? total, total, deltas };
}

/** The reply is in the chat's messages (saving may finish just after the stream: retry briefly). */
async function expectSaved(baseUrl, chatId, cookie, reply) {
  let last = "";
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const response = await fetch(`${baseUrl}/api/chats/${chatId}/messages`, { headers: { cookie } });
    if (response.ok) {
      const page = await response.json();
      const assistant = page.messages?.filter((message) => message.role === "assistant") ?? [];
      const text = assistant
        .at(-1)
        ?.parts?.filter((part) => part.type === "text")
        .map((part) => part.text)
        .join("");
      if (text === reply && !assistant.at(-1)?.metadata?.incomplete) return;
      last = `${assistant.length} replies saved, text ${text === undefined ? "missing" : "different"}`;
    } else {
      last = `GET messages answered ${response.status}`;
    }
    await sleep(250);
  }
  throw new StreamError("not_saved", last);
}

// ---------------------------------------------------------------- report

function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)} ms` : "n/a");

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? "unknown",
    cores: cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const external = process.env.BASE_URL;
  const worker = external
    ? { baseUrl: external.replace(/\/$/, ""), stop() {}, cleanup() {}, cpuSeconds: () => null, logPath: null }
    : await startWorker(opts.port);
  const args = process.argv.slice(2).join(" ");
  const command = `${external ? `BASE_URL=${external} ` : ""}npm run bench:load${args ? ` -- ${args}` : ""}`;
  console.log(`Load test: ${concurrency} concurrent streaming chats against ${worker.baseUrl}`);
  console.log(
    `Each: ${words} words, ${delayMs} ms apart (offline stand-in)${checkSaved ? ", reply checked in D1" : ""}.`,
  );

  let results;
  let cpu = null;
  const runStarted = performance.now();
  const cpuBefore = worker.cpuSeconds();
  try {
    // Every stream starts at once: the point is overlap, not a steady rate.
    results = await Promise.allSettled(Array.from({ length: concurrency }, () => oneChat(worker.baseUrl)));
    const cpuAfter = worker.cpuSeconds();
    if (cpuBefore && cpuAfter) {
      cpu = { workerd: cpuAfter.workerd - cpuBefore.workerd, other: cpuAfter.other - cpuBefore.other };
    }
  } finally {
    worker.stop();
  }
  const wallMs = performance.now() - runStarted;

  const ok = results.filter((result) => result.status === "fulfilled").map((result) => result.value);
  const errors = {};
  const examples = {};
  for (const result of results) {
    if (result.status !== "rejected") continue;
    const kind = result.reason instanceof StreamError ? result.reason.kind : "crash";
    errors[kind] = (errors[kind] ?? 0) + 1;
    examples[kind] ??= String(result.reason?.message ?? result.reason);
  }
  const errorCount = results.length - ok.length;
  const ttfb = summary(ok.map((r) => r.ttfb));
  const firstToken = summary(ok.map((r) => r.firstToken));
  const total = summary(ok.map((r) => r.total));
  const tokens = ok.reduce((sum, r) => sum + r.deltas, 0);
  const tokensPerSecond = tokens / (wallMs / 1000);

  let hungLines = [];
  if (worker.logPath) {
    hungLines = readFileSync(worker.logPath, "utf8")
      .split("\n")
      .filter((line) => /hung|uncaught|exceeded|SQLITE_BUSY|database is locked/i.test(line));
  }

  const row = (name, s) => `| ${name} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`;
  const machine = machineInfo();
  const report = [
    `## ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC — ${concurrency} concurrent streams`,
    "",
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory} RAM, ${machine.os}, Node ${machine.node}.`,
    `Worker: ${external ? external : "built Worker in workerd (`wrangler dev --local --env local`), offline stand-in, fresh local D1"}.`,
    "",
    `Command: \`${command}\``,
    "",
    `- Requests: ${results.length}, ok: ${ok.length}, errors: ${errorCount}${
      errorCount
        ? ` (${Object.entries(errors)
            .map(([k, n]) => `${k}: ${n}`)
            .join(", ")})`
        : ""
    }`,
    `- Each reply: ${words} words, ${delayMs} ms between chunks${checkSaved ? "; every reply then read back from D1" : ""}`,
    `- Wall time: ${(wallMs / 1000).toFixed(1)} s; tokens streamed: ${tokens}; aggregate ${tokensPerSecond.toFixed(0)} tokens/s`,
    cpu
      ? `- Worker CPU during the run: workerd ${cpu.workerd.toFixed(1)} s (${((cpu.workerd * 1000) / Math.max(1, tokens)).toFixed(2)} ms per streamed token), wrangler ${cpu.other.toFixed(1)} s; load average at the end ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (other work on the machine stretches wall times, not CPU)`
      : "- Worker CPU: not measured (external BASE_URL)",
    hungLines.length
      ? `- Worker log: ${hungLines.length} worrying lines, e.g. \`${hungLines[0].slice(0, 160)}\``
      : "- Worker log: no hung/uncaught/busy lines",
    "",
    "| | p50 | p90 | p99 | max |",
    "|---|---|---|---|---|",
    row("TTFB (response headers)", ttfb),
    row("First token", firstToken),
    row("Whole stream", total),
    "",
  ].join("\n");
  console.log(`\n${report}`);
  for (const [kind, example] of Object.entries(examples)) console.log(`  e.g. ${kind}: ${example.slice(0, 300)}`);
  if (worker.logPath && (errorCount > 0 || hungLines.length > 0))
    console.log(`\nWorker log tail:\n${tail(worker.logPath)}`);

  if (!opts["no-record"]) {
    const resultsPath = join(ROOT, "bench/RESULTS.md");
    if (!existsSync(resultsPath)) appendFileSync(resultsPath, "# Benchmark results\n\n");
    appendFileSync(resultsPath, `${report}\n`);
    console.log("Recorded in bench/RESULTS.md");
  }
  worker.cleanup();
  process.exit(errorCount > 0 || hungLines.length > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
