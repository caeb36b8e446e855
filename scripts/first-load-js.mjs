// First-load JS per page, gzip, computed from the build output alone (no browser, no server), and
// checked against budgets. A page's first-load JS is what its HTML loads: Next's root main files
// plus the client entry chunks of each layout and the page (the client reference manifest's
// entryJSFiles; the nomodule polyfills are never fetched by modern browsers). The framework
// baseline is the same for the 404 page, a page of this build with no client components of ours
// besides the root layout's. "Ours" is a page's JS minus the baseline's files.
// Sizes are KB (1000 bytes) of gzip (level 9). Each page has the performance issue's budget (the
// target) and a CI ceiling: the run fails above the ceiling, which is the budget. On the chat pages
// this is also the guard that the `ai` SDK (useChat, its transport and zod, ~90 KB gzip) stays off
// the first load: it loads after the page, with components/chat/chat-engine.tsx.
// An env var overrides each ceiling.
// Usage: node scripts/first-load-js.mjs [--json]   (after `npm run build:worker`)
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const root = join(import.meta.dirname, "..");
const next = join(root, ".next");
const assets = join(root, ".open-next", "assets", "_next");

const PAGES = [
  {
    route: "/",
    app: "(chat)",
    segments: ["app/layout", "app/(chat)/layout", "app/(chat)/page"],
    ceilingEnv: "FIRST_LOAD_CEILING_HOME_KB",
    budget: 80,
    ceiling: 80,
  },
  {
    route: "/chat/[id]",
    app: "(chat)/chat/[id]",
    segments: ["app/layout", "app/(chat)/layout", "app/(chat)/chat/[id]/page"],
    ceilingEnv: "FIRST_LOAD_CEILING_CHAT_KB",
    budget: 80,
    ceiling: 80,
  },
  {
    route: "/share/[id]",
    app: "share/[id]",
    segments: ["app/layout", "app/share/[id]/page"],
    ceilingEnv: "FIRST_LOAD_CEILING_SHARE_KB",
    budget: 20,
    ceiling: 20,
  },
];
const BASELINE = {
  route: "(404 page: framework baseline)",
  app: "_not-found",
  segments: ["app/layout", "app/not-found"],
};

function readManifest(app) {
  const file = join(next, "server", "app", app, "page_client-reference-manifest.js");
  if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build:worker)`);
  const sandbox = { globalThis: {} };
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const manifests = sandbox.globalThis.__RSC_MANIFEST;
  return Object.values(manifests)[0];
}

const buildManifest = JSON.parse(readFileSync(join(next, "build-manifest.json"), "utf8"));

function filesOf(page) {
  const manifest = readManifest(page.app);
  const files = new Set(buildManifest.rootMainFiles);
  // Every page also loads the root not-found boundary's chunk (it is part of the root layout's tree).
  for (const segment of [...page.segments, "app/not-found"]) {
    const entry = manifest.entryJSFiles[`[project]/${segment}`];
    if (!entry) throw new Error(`no client entry for ${segment} in ${page.app}'s manifest`);
    for (const file of entry) files.add(file);
  }
  return files;
}

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) {
    const path = join(assets, file.replace(/^static\//, "static/"));
    gzipCache.set(file, gzipSync(readFileSync(path), { level: 9 }).length);
  }
  return gzipCache.get(file);
}
const sum = (files) => [...files].reduce((total, file) => total + gzipBytes(file), 0);

const baselineFiles = filesOf(BASELINE);
const baselineBytes = sum(baselineFiles);
const rows = PAGES.map((page) => {
  const files = filesOf(page);
  const own = [...files].filter((file) => !baselineFiles.has(file));
  const ceilingKb = Number(process.env[page.ceilingEnv] ?? page.ceiling);
  const ownBytes = sum(own);
  return {
    route: page.route,
    totalBytes: sum(files),
    ownBytes,
    budgetKb: page.budget,
    ceilingKb,
    metBudget: ownBytes < page.budget * 1000,
    pass: ownBytes <= ceilingKb * 1000,
  };
});

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ baselineBytes, pages: rows }, null, 2));
} else {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
  console.log(`First-load JS (gzip -9, from the build): framework baseline ${kb(baselineBytes)}`);
  for (const row of rows) {
    console.log(
      `  ${row.route.padEnd(12)} total ${kb(row.totalBytes).padStart(9)}  ours ${kb(row.ownBytes).padStart(9)}  ` +
        `target < ${row.budgetKb} KB ${row.metBudget ? "met" : "NOT MET"}  CI ceiling ${row.ceilingKb} KB ${row.pass ? "ok" : "EXCEEDED"}`,
    );
  }
}
if (rows.some((row) => !row.pass)) {
  console.error("First-load JS is over its CI ceiling (see above).");
  process.exit(1);
}
