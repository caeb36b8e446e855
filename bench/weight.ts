/**
 * Page weight: the JavaScript each page loads, as transferred (gzip), measured in Chromium via
 * CDP against the built Worker in workerd, side by side with the framework baseline (the 404 page:
 * Next + React with no client components of ours but the root layout's), plus Lighthouse's
 * performance score (Debian Chromium, headless, Lighthouse's default mobile profile).
 *
 *   npm run bench:weight      (needs a built Worker: npm run build:worker)
 */
import { spawnSync } from "node:child_process";
import { chromium } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { createChat, shareChat } from "./lib/app-data.ts";
import { appendResults, type BudgetCheck, kb, ROOT, table } from "./lib/report.ts";
import { startAppWorker } from "./lib/servers.ts";

const PORT = Number(process.env.BENCH_WEIGHT_PORT ?? 8795);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

interface Weight {
  /** Scripts the HTML itself loads (parser-inserted or preloaded): first-load JS. */
  firstLoad: number;
  /** Scripts fetched later by the app (dynamic imports: markdown, dialogs, highlighting). */
  lazy: number;
  scripts: number;
}

async function measure(url: string, cookie?: string): Promise<Weight> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const context = await browser.newContext();
    if (cookie) {
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name: name ?? "", value: value ?? "", url }]);
    }
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const scripts = new Map<string, { parser: boolean; bytes: number }>();
    cdp.on("Network.requestWillBeSent", (event) => {
      if (event.type !== "Script") return;
      const parser = event.initiator.type === "parser" || event.initiator.type === "preload";
      scripts.set(event.requestId, { parser, bytes: 0 });
    });
    cdp.on("Network.loadingFinished", (event) => {
      const script = scripts.get(event.requestId);
      // encodedDataLength: bytes on the wire (gzip body plus response headers).
      if (script) script.bytes = event.encodedDataLength;
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(3500); // idle-time preloads (markdown renderer) happen after load
    const all = [...scripts.values()];
    const sum = (list: typeof all) => list.reduce((total, script) => total + script.bytes, 0);
    return {
      firstLoad: sum(all.filter((s) => s.parser)),
      lazy: sum(all.filter((s) => !s.parser)),
      scripts: all.length,
    };
  } finally {
    await browser.close();
  }
}

async function lighthouseScore(url: string): Promise<number> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS });
  try {
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: ["performance"], logLevel: "error" });
    return Math.round((result?.lhr.categories.performance?.score ?? 0) * 100);
  } finally {
    chrome.kill();
  }
}

interface BuildFirstLoad {
  baselineBytes: number;
  pages: { route: string; totalBytes: number; ownBytes: number }[];
}

/** The deterministic numbers CI checks (scripts/first-load-js.mjs), for the same build. */
function firstLoadFromBuild(): BuildFirstLoad {
  const run = spawnSync("node", ["scripts/first-load-js.mjs", "--json"], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(run.stdout) as BuildFirstLoad;
}

async function main() {
  const server = await startAppWorker(PORT);
  try {
    const base = server.url;
    const chat = await createChat(
      base,
      "A page weight sample offline:words=300 offline:format=markdown offline:delay=0",
    );
    const sharePath = await shareChat(base, chat);
    const pages = [
      { name: "framework baseline (404 page)", url: `${base}/bench-baseline-no-such-page` },
      { name: "/", url: `${base}/`, budget: 80_000, lighthouse: 95 },
      { name: "/chat/[id]", url: `${base}/chat/${chat.chatId}`, cookie: chat.cookie, budget: 80_000 },
      { name: "/share/[id]", url: `${base}${sharePath}`, budget: 20_000, lighthouse: 95 },
    ];
    const weights: Weight[] = [];
    for (const page of pages) weights.push(await measure(page.url, page.cookie));
    const baseline = weights[0] as Weight;
    const scores = new Map<string, number>();
    for (const page of pages) if (page.lighthouse) scores.set(page.name, await lighthouseScore(page.url));
    const checks: BudgetCheck[] = [];
    const rows = pages.map((page, i) => {
      const weight = weights[i] as Weight;
      const ours = weight.firstLoad - baseline.firstLoad;
      if (page.budget) {
        checks.push({
          name: `Our first-load JS on ${page.name}`,
          actual: kb(ours),
          budget: `< ${page.budget / 1000} KB`,
          pass: ours < page.budget,
        });
      }
      const score = scores.get(page.name);
      if (score !== undefined && page.lighthouse) {
        checks.push({
          name: `Lighthouse performance ${page.name}`,
          actual: String(score),
          budget: `≥ ${page.lighthouse}`,
          pass: score >= page.lighthouse,
        });
      }
      return [page.name, kb(weight.firstLoad), i === 0 ? "—" : kb(ours), kb(weight.lazy), weight.scripts, score ?? "—"];
    });
    const build = firstLoadFromBuild();
    const body = [
      "Script bytes as transferred (CDP encodedDataLength: gzip body plus response headers), cache disabled, one fresh",
      "browser per page. First-load = scripts the HTML loads; lazy = dynamic imports fetched after (while idle or on use).",
      "Lighthouse: default (mobile, simulated throttling) performance category, Debian Chromium headless.",
      "",
      table(["Page", "First-load JS", "Ours (minus baseline)", "Lazy JS", "Scripts", "Lighthouse"], rows),
      "",
      `From the build (\`node scripts/first-load-js.mjs\`, gzip -9, what CI checks): baseline ${kb(build.baselineBytes)}; ` +
        build.pages.map((page) => `${page.route} ${kb(page.totalBytes)} (ours ${kb(page.ownBytes)})`).join(", ") +
        ".",
    ].join("\n");
    appendResults("Page weight", "npm run bench:weight", body, checks);
  } finally {
    await server.stop();
  }
}

await main();
