/**
 * Client rendering in Chromium (Playwright) against the built Worker in workerd:
 *  1. stream a 20,000-token markdown reply with code blocks, tables and math
 *     (`offline:words=20000 offline:format=markdown`), recording long tasks (PerformanceObserver
 *     "longtask"), total blocking time (sum of each long task's time over 50 ms) and dropped
 *     frames (a requestAnimationFrame counter: every frame interval longer than one 60 Hz frame
 *     counts the frames it skipped);
 *  2. open a 1,000-message chat (seeded into local D1) and time it to interactive, defined as:
 *     the composer is hydrated (its form has data-ready) and enabled, and the latest message is
 *     in the viewport — measured from navigation start, in the page's own clock.
 *
 *   npm run bench:client      (needs a built Worker: npm run build:worker)
 *   BENCH_RUNS=5 BENCH_STREAM_DELAY=2 npm run bench:client
 */
import { type Browser, chromium, type Page } from "@playwright/test";
import { createChat, type SeededChat, seedLongChat } from "./lib/app-data.ts";
import { appendResults, type BudgetCheck, median, ms, table } from "./lib/report.ts";
import { startAppWorker } from "./lib/servers.ts";

const PORT = Number(process.env.BENCH_CLIENT_PORT ?? 8795);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WORDS = 20_000;
const LONG_REPLY_MODEL = "@cf/meta/llama-4-scout-17b-16e-instruct";
const STREAM_DELAY = Number(process.env.BENCH_STREAM_DELAY ?? 0);
const LONG_CHAT_MESSAGES = 1000;
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];
const FRAME_MS = 1000 / 60;

interface Probe {
  longTasks: { start: number; duration: number }[];
  frames: number[];
}

declare global {
  interface Window {
    __probe: Probe;
  }
}

/** Installed before any page script: long tasks and frame timestamps from navigation start. */
function installProbe() {
  const probe: Probe = { longTasks: [], frames: [] };
  window.__probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: "longtask", buffered: true });
  const tick = (time: number) => {
    probe.frames.push(time);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

interface Window_ {
  longestTask: number;
  tbt: number;
  longTasks: number;
  droppedFrames: number;
  frames: number;
}

async function windowStats(page: Page, from: number, to: number): Promise<Window_> {
  const probe = await page.evaluate(() => window.__probe);
  const tasks = probe.longTasks.filter((task) => task.start >= from && task.start <= to);
  const frames = probe.frames.filter((time) => time >= from && time <= to);
  let dropped = 0;
  for (let i = 1; i < frames.length; i++) {
    dropped += Math.max(0, Math.round(((frames[i] as number) - (frames[i - 1] as number)) / FRAME_MS) - 1);
  }
  return {
    longestTask: Math.max(0, ...tasks.map((task) => task.duration)),
    tbt: tasks.reduce((total, task) => total + Math.max(0, task.duration - 50), 0),
    longTasks: tasks.length,
    droppedFrames: dropped,
    frames: frames.length,
  };
}

/**
 * Waits until the page has settled, as it has by the time a person has typed a message: no long task
 * and no script fetched for a second. Runs reuse one chat, so later runs open it with the earlier
 * 20,000-token replies in it; their hydration and the idle-time chunks (the chat engine's evaluation
 * alone is 50-65 ms here) could still be running after a fixed 1.5 s wait, and landed in the window
 * measured for the stream. Opening a long chat is the time-to-interactive scenario's subject.
 */
async function settled(page: Page) {
  await page.waitForTimeout(1500);
  await page.waitForFunction(
    () => {
      const tasksEnd = Math.max(0, ...window.__probe.longTasks.map((task) => task.start + task.duration));
      const scripts = performance.getEntriesByType("resource").filter((entry) => entry.name.endsWith(".js"));
      const scriptsEnd = Math.max(0, ...scripts.map((entry) => (entry as PerformanceResourceTiming).responseEnd));
      return performance.now() - Math.max(tasksEnd, scriptsEnd) > 1000;
    },
    undefined,
    { polling: 250, timeout: 30_000 },
  );
}

async function streamRun(browser: Browser, base: string, chat: SeededChat) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = chat.cookie.split("=");
  await context.addCookies([{ name: name ?? "", value: value ?? "", url: base }]);
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  await page.goto(`${base}/chat/${chat.chatId}`);
  await page.locator("form[data-ready]").waitFor();
  const composer = page.getByRole("textbox", { name: "Message" });
  await composer.fill(`Long markdown offline:words=${WORDS} offline:format=markdown offline:delay=${STREAM_DELAY}`);
  await settled(page);
  const from = await page.evaluate(() => performance.now());
  // Waited for from outside the page: a Playwright locator polls role and text queries on the page's own
  // main thread, over a DOM that grows with the reply, and those polls showed up as the page's long tasks.
  const turn = page.waitForResponse((response) => response.url().endsWith("/api/chat"), { timeout: 300_000 });
  // The keyboard, not the locator: fill focused the composer, and resolving a role locator again here
  // would walk the whole DOM on the page's thread inside the measured window.
  await page.keyboard.press("Enter");
  await (await turn).finished();
  // Then a cheap check, a few times a second, for the reply's last render: the row and its text drop aria-busy
  // once all of it is on screen.
  await page.waitForFunction(() => !document.querySelector('[role="log"] [aria-busy="true"]'), undefined, {
    polling: 100,
    timeout: 60_000,
  });
  await page.waitForTimeout(500); // the final render and highlighting after the stream ends
  const reply = page.getByRole("log", { name: "Messages" }).getByRole("article", { name: "Assistant message" }).last();
  const to = await page.evaluate(() => performance.now());
  const stats = await windowStats(page, from, to);
  const codeBlocks = await reply.locator("pre").count();
  const tokens = Number((await reply.innerText()).match(/(\d+) tokens/)?.[1] ?? 0);
  if (process.env.BENCH_DEBUG) {
    const probe = await page.evaluate(() => window.__probe);
    console.log(
      "long tasks (ms after send, duration):",
      probe.longTasks.filter((t) => t.start >= from).map((t) => [Math.round(t.start - from), Math.round(t.duration)]),
    );
  }
  await context.close();
  return { ...stats, seconds: (to - from) / 1000, codeBlocks, tokens };
}

async function openRun(browser: Browser, base: string, chatId: string, cookie: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name: name ?? "", value: value ?? "", url: base }]);
  await context.addInitScript(installProbe);
  const page = await context.newPage();
  await page.goto(`${base}/chat/${chatId}`, { waitUntil: "commit" });
  // Polled every frame in the page; resolves with the page clock's time when interactive.
  const interactive = await page.waitForFunction(
    () => {
      const form = document.querySelector("form[data-ready]");
      const textarea = form?.querySelector("textarea");
      const messages = document.querySelectorAll('[role="log"] article');
      const last = messages[messages.length - 1];
      if (!form || !textarea || textarea.disabled || !last) return false;
      const box = last.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 60_000 },
  );
  const tti = (await interactive.jsonValue()) as number;
  await page.waitForTimeout(1000);
  const stats = await windowStats(page, 0, tti);
  const rendered = await page.locator('[role="log"] article').count();
  await context.close();
  return { tti, ...stats, rendered };
}

async function main() {
  const server = await startAppWorker(PORT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const base = server.url;
    const owner = await createChat(base, "Who owns the long chat offline:words=5 offline:delay=0");
    // A long-context model (131k window) with the reply length set to its maximum, so all 20,000 tokens
    // stream (a reply may use up to half the window).
    const streamChat = await createChat(
      base,
      "Warm-up offline:words=5 offline:delay=0",
      owner.cookie,
      { systemPrompt: "", temperature: null, maxOutputTokens: 32_768, reasoningEffort: null },
      LONG_REPLY_MODEL,
    );
    const longChatId = seedLongChat({
      ownerId: owner.ownerId,
      count: LONG_CHAT_MESSAGES,
      stateDir: server.stateDir ?? "",
    });
    await openRun(browser, base, longChatId, owner.cookie); // warm-up: compiles the route in workerd
    const streams = [];
    const opens = [];
    for (let i = 0; i < RUNS; i++) {
      streams.push(await streamRun(browser, base, streamChat));
      opens.push(await openRun(browser, base, longChatId, owner.cookie));
    }
    const med = <T>(list: T[], pick: (item: T) => number) => median(list.map(pick));
    const stream = {
      longest: med(streams, (s) => s.longestTask),
      tbt: med(streams, (s) => s.tbt),
      dropped: med(streams, (s) => s.droppedFrames),
      frames: med(streams, (s) => s.frames),
      seconds: med(streams, (s) => s.seconds),
    };
    const open = {
      tti: med(opens, (o) => o.tti),
      tbt: med(opens, (o) => o.tbt),
      longest: med(opens, (o) => o.longestTask),
    };
    const body = [
      `${RUNS} runs each, medians; Chromium headless, 1280×800. Stream: asks for ${WORDS} tokens of offline:format=markdown at`,
      `offline:delay=${STREAM_DELAY} (as fast as the Worker emits); in a chat with ${LONG_REPLY_MODEL} and the longest reply setting; ${streams[0]?.tokens ?? 0} tokens`,
      `stream, with ${streams[0]?.codeBlocks ?? 0} code blocks. Long chat: ${LONG_CHAT_MESSAGES} messages`,
      `(assistant turns are markdown with a code block); ${opens[0]?.rendered ?? 0} rendered on open (older ones load on scroll).`,
      "The stream is sent once the page has settled (no long task and no script fetched for 1 s); runs reuse the chat, so later ones send after the earlier replies.",
      "Time to interactive: navigation start → composer hydrated and enabled and the latest message in view.",
      "",
      table(
        ["Scenario", "Duration", "Longest task", "Total blocking time", "Long tasks", "Dropped frames"],
        [
          [
            `Stream a ${WORDS.toLocaleString("en")}-token reply`,
            `${stream.seconds.toFixed(1)} s`,
            ms(stream.longest),
            ms(stream.tbt),
            med(streams, (s) => s.longTasks),
            `${stream.dropped} of ${stream.frames + stream.dropped}`,
          ],
          [
            "Open 1,000-message chat",
            `TTI ${ms(open.tti)}`,
            ms(open.longest),
            ms(open.tbt),
            med(opens, (o) => o.longTasks),
            med(opens, (o) => o.droppedFrames),
          ],
        ],
      ),
      "",
      `Per run (stream longest task / TBT): ${streams.map((s) => `${s.longestTask.toFixed(0)}/${s.tbt.toFixed(0)} ms`).join(", ")}; TTI per run: ${opens.map((o) => ms(o.tti)).join(", ")}.`,
    ].join("\n");
    const checks: BudgetCheck[] = [
      { name: "Streaming: longest task", actual: ms(stream.longest), budget: "≤ 100 ms", pass: stream.longest <= 100 },
      { name: "Streaming: total blocking time", actual: ms(stream.tbt), budget: "< 500 ms", pass: stream.tbt < 500 },
      {
        name: "1,000-message chat: time to interactive",
        actual: ms(open.tti),
        budget: "< 1500 ms",
        pass: open.tti < 1500,
      },
    ];
    appendResults("Client rendering", "npm run bench:client", body, checks);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
