/**
 * Server pipeline benchmark: POST /api/chat on the built app Worker (a real turn: auth, D1 reads
 * and writes, AI SDK streamText through workers-ai-provider, UI message stream) against a bare
 * Worker that pipes the same offline binding's SSE straight to the response (the physical limit).
 * Both run in workerd (wrangler dev --local) with the stand-in at full speed (offline:delay=0),
 * requests interleaved so both see the same machine load.
 *
 *   npm run bench:server        (needs a built Worker: npm run build:worker)
 *   BENCH_TTFB_RUNS=60 BENCH_THROUGHPUT_WORDS=20000 npm run bench:server
 */
import { randomUUID } from "node:crypto";
import { appendResults, type BudgetCheck, median, ms, percentile, table } from "./lib/report.ts";
import { type RunningServer, startAppWorker, startBareWorker } from "./lib/servers.ts";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 8793);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 8794);
const TTFB_RUNS = Number(process.env.BENCH_TTFB_RUNS ?? 40);
const TTFB_WORDS = 20;
const THROUGHPUT_RUNS = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 5);
const THROUGHPUT_WORDS = Number(process.env.BENCH_THROUGHPUT_WORDS ?? 10_000);
const WARMUP_RUNS = 5;

interface Timing {
  /** Request sent → first body byte. */
  firstByteMs: number;
  /** Request sent → first byte of reply text (the first token). */
  firstTokenMs: number;
  totalMs: number;
}

/** Reads a streamed response, noting when the first byte and the first token arrive. */
async function timeStream(started: number, response: Response, isToken: (text: string) => boolean): Promise<Timing> {
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const decoder = new TextDecoder();
  let firstByteMs = Number.NaN;
  let firstTokenMs = Number.NaN;
  let seen = "";
  const reader = response.body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    const now = performance.now() - started;
    if (Number.isNaN(firstByteMs)) firstByteMs = now;
    if (Number.isNaN(firstTokenMs)) {
      seen += decoder.decode(chunk, { stream: true });
      if (isToken(seen)) firstTokenMs = now;
    }
  }
  return { firstByteMs, firstTokenMs, totalMs: performance.now() - started };
}

async function bareTurn(server: RunningServer, words: number): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(`${server.url}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: `Benchmark ${randomUUID()} offline:words=${words} offline:delay=0` }),
  });
  return timeStream(started, response, (text) => text.includes('"response"'));
}

function appTurnFactory(server: RunningServer) {
  let cookie = "";
  return async function appTurn(words: number): Promise<Timing> {
    const started = performance.now();
    const response = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      // A new chat each time: every turn creates a chat, stores the message and the reply. Sent as the
      // browser sends a chat's first message, with the newChat hint.
      body: JSON.stringify({
        id: randomUUID().replaceAll("-", ""),
        newChat: true,
        message: {
          id: randomUUID().replaceAll("-", ""),
          role: "user",
          parts: [{ type: "text", text: `Benchmark offline:words=${words} offline:delay=0` }],
        },
      }),
    });
    // The first turn mints the signed owner cookie; later turns present it like a browser would.
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0] ?? "";
    return timeStream(started, response, (text) => text.includes('"text-delta"'));
  };
}

const tokensPerSecond = (words: number, timing: Timing) => words / ((timing.totalMs - timing.firstTokenMs) / 1000);

async function main() {
  console.log("starting the app Worker and the bare Worker…");
  const [app, bare] = await Promise.all([startAppWorker(APP_PORT), startBareWorker(BARE_PORT)]);
  try {
    const appTurn = appTurnFactory(app);
    for (let i = 0; i < WARMUP_RUNS; i++) {
      await bareTurn(bare, TTFB_WORDS);
      await appTurn(TTFB_WORDS);
    }
    const ttfb = { bare: [] as Timing[], app: [] as Timing[] };
    for (let i = 0; i < TTFB_RUNS; i++) {
      // Alternate which goes first so neither always meets a just-busy machine.
      if (i % 2 === 0) {
        ttfb.bare.push(await bareTurn(bare, TTFB_WORDS));
        ttfb.app.push(await appTurn(TTFB_WORDS));
      } else {
        ttfb.app.push(await appTurn(TTFB_WORDS));
        ttfb.bare.push(await bareTurn(bare, TTFB_WORDS));
      }
    }
    // The framework's own floor: a trivial Next route handler (no D1, no model) on the same Worker.
    const trivial: number[] = [];
    for (let i = 0; i < TTFB_RUNS; i++) {
      const started = performance.now();
      const response = await fetch(`${app.url}/api/models`);
      await response.arrayBuffer();
      trivial.push(performance.now() - started);
    }
    const rate = { bare: [] as number[], app: [] as number[] };
    for (let i = 0; i < THROUGHPUT_RUNS; i++) {
      rate.bare.push(tokensPerSecond(THROUGHPUT_WORDS, await bareTurn(bare, THROUGHPUT_WORDS)));
      rate.app.push(tokensPerSecond(THROUGHPUT_WORDS, await appTurn(THROUGHPUT_WORDS)));
    }

    const stat = (timings: Timing[], key: keyof Timing) => ({
      median: median(timings.map((t) => t[key])),
      p95: percentile(
        timings.map((t) => t[key]),
        95,
      ),
    });
    const rows = (["bare", "app"] as const).map((name) => {
      const byte = stat(ttfb[name], "firstByteMs");
      const token = stat(ttfb[name], "firstTokenMs");
      return [
        name === "bare" ? "bare Worker (binding → response)" : "app Worker (POST /api/chat, real turn)",
        ms(byte.median),
        ms(byte.p95),
        ms(token.median),
        ms(token.p95),
        median(rate[name]).toFixed(0),
      ];
    });
    const addedByte = stat(ttfb.app, "firstByteMs").median - stat(ttfb.bare, "firstByteMs").median;
    const addedToken = stat(ttfb.app, "firstTokenMs").median - stat(ttfb.bare, "firstTokenMs").median;
    const ratio = median(rate.app) / median(rate.bare);
    const body = [
      `${TTFB_RUNS} interleaved turns of ${TTFB_WORDS} words for time to first byte/token (after ${WARMUP_RUNS} warm-ups),`,
      `${THROUGHPUT_RUNS} turns of ${THROUGHPUT_WORDS} words for throughput (tokens/s from first token to the end).`,
      "Each app turn is a new chat: owner cookie check, D1 reads, the user message and the reply stored.",
      "",
      table(["Worker", "TTFB median", "TTFB p95", "first token median", "first token p95", "tokens/s median"], rows),
      "",
      `Server-added time: first byte ${ms(addedByte)}, first token ${ms(addedToken)} (medians). Throughput ratio app/bare: ${ratio.toFixed(2)}.`,
      `For scale, a trivial Next route on the app Worker (GET /api/models: no D1, no model) answers in ${ms(median(trivial))} median`,
      `(${ms(median(trivial) - stat(ttfb.bare, "firstByteMs").median)} over the bare Worker): the framework's per-request floor in workerd.`,
    ].join("\n");
    const checks: BudgetCheck[] = [
      {
        name: "Server-added time to first byte (median)",
        actual: ms(addedByte),
        budget: "≤ 10 ms",
        pass: addedByte <= 10,
      },
      {
        name: "Server-added time to first token (median)",
        actual: ms(addedToken),
        budget: "≤ 10 ms",
        pass: addedToken <= 10,
      },
      { name: "Pipeline throughput vs bare Worker", actual: ratio.toFixed(2), budget: "≥ 0.50", pass: ratio >= 0.5 },
    ];
    appendResults("Server pipeline", "npm run bench:server", body, checks);
  } finally {
    await Promise.all([app.stop(), bare.stop()]);
  }
}

await main();
