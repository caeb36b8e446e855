/**
 * Offline stand-in for the Workers AI binding (`env.AI`).
 *
 * These machines cannot reach Cloudflare, so when the app runs offline it hands
 * this object to `createWorkersAI({ binding })` instead of the real binding. It
 * answers `run()` in Workers AI's own wire formats (SSE bytes when
 * `inputs.stream === true`, a plain object otherwise) so the real
 * workers-ai-provider code path — SSE parsing, tool calls, usage, error
 * mapping — runs exactly as in production.
 *
 * It is NOT a model: replies are deterministic filler built from the user's
 * text and always say they come from the offline stand-in. Directives in the
 * last user message (`offline:key=value`, see parseOfflineDirectives) drive it
 * for tests, demos and benchmarks.
 *
 * Web-standard APIs only (ReadableStream, TextEncoder, setTimeout, AbortSignal,
 * CompressionStream) so it runs unchanged in workerd and Node 22.
 *
 * Image models in OFFLINE_IMAGE_MODELS answer like Workers AI's flux-1-schnell,
 * `{ image: "<base64>" }`, with a deterministic placeholder PNG (see
 * offline-image.ts); directives go in the image prompt.
 *
 * Images sent to a vision model (image_url content parts) are reported at the
 * top of the reply (see offline-vision.ts); a model the catalog doesn't flag
 * for vision refuses them. Whisper (OFFLINE_TRANSCRIPTION_MODELS) answers with
 * a labelled transcription derived from the audio (see offline-transcription.ts).
 */

import { BUILT_IN_CATALOG, findModel } from "./catalog";
import { extractJsonArgs } from "./offline-args";
import { offlinePlaceholderPng } from "./offline-image";
import { OFFLINE_TRANSCRIPTION_MODELS, offlineWhisperOutput } from "./offline-transcription";
import { describeWireImages, wireImages } from "./offline-vision";

export const OFFLINE_MODEL_LABEL = "Offline mode (no model)";

export interface OfflineBindingOptions {
  /** Delay between streamed chunks in ms (default 15). 0 = as fast as possible. */
  chunkDelayMs?: number;
  /** Words in a plain reply (default 60). */
  replyWords?: number;
  /** Words per streamed chunk (default 1, i.e. token-like). */
  wordsPerChunk?: number;
}

export interface OfflineRunCall {
  model: string;
  inputs: Record<string, unknown>;
}

export interface OfflineBinding {
  run(
    model: string,
    inputs: Record<string, unknown>,
    options?: { signal?: AbortSignal; [k: string]: unknown },
  ): Promise<unknown>;
  /** Every run() call received, newest last (so tests can check what the provider sent, e.g. that no tools were sent). Keep at most the last 50. */
  readonly calls: readonly OfflineRunCall[];
  readonly offline: true;
}

/** Directives found in a user message; `text` is the message without them. */
export interface OfflineDirectives {
  /** The message text with every `offline:key=value` token removed (whitespace collapsed). */
  text: string;
  /** Reply length in words, clamped to 1..20000. */
  words?: number;
  /** Delay between streamed chunks in ms, clamped to 0..2000. */
  delay?: number;
  /** Name of a tool to call. */
  tool?: string;
  /** Raw JSON text for the tool's arguments (sent as-is if it is not valid JSON, like a model that emits bad JSON). */
  args?: string;
  /**
   * "midstream" | "truncate" | "stall" (no first chunk ever) | "stall-midstream" (half the reply,
   * then silence) | a Workers AI error code such as "3040".
   */
  fail?: string;
  /** Words of reasoning to stream before the answer, clamped to 0..20000. */
  reasoning?: number;
  /**
   * With `fail`: only the first N calls for this message fail, then the model answers, like a
   * capacity error that clears on retry or a stream that breaks once. Unset: every call fails.
   */
  failures?: number;
  /** "markdown": the filler is interleaved with headings, lists, tables, math and fenced code (for rendering tests and benchmarks). */
  format?: "markdown";
  /** Directive tokens that were recognised as directives but could not be used. */
  ignored: string[];
}

const DEFAULT_CHUNK_DELAY_MS = 15;
const DEFAULT_REPLY_WORDS = 60;
const MAX_WORDS = 20000;
const MAX_DELAY_MS = 2000;
const MAX_CALLS_KEPT = 50;
const TOOL_RESULT_MAX_CHARS = 500;
// Without a delay the stream is driven by promise microtasks only; yielding
// to the event loop now and then keeps a 20k-word stream from starving timers and I/O.
const YIELD_EVERY_CHUNKS = 64;
const PARAGRAPH_WORDS = 40;

/** Text-to-image models the stand-in answers, with flux-1-schnell's output shape `{ image: base64 }`. */
export const OFFLINE_IMAGE_MODELS: ReadonlySet<string> = new Set(["@cf/black-forest-labs/flux-1-schnell"]);

/** flux-1-schnell's documented prompt limit. */
const MAX_IMAGE_PROMPT_CHARS = 2048;

// Model families that are not chat/text generation; the stand-in cannot fake them (yet).
const NON_TEXT_MODEL =
  /flux|whisper|stable-diffusion|dreamshaper|lucid-origin|phoenix|melotts|aura-|nova-3|bge-|embedding|resnet|detr-|m2m100|distilbert|bart-large-cnn/i;

const DIRECTIVE_TOKEN = /(^|\s)offline:([A-Za-z]+)=(\S*)/g;

function clampInt(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function parseIntStrict(raw: string): number | undefined {
  if (!/^-?\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Parse directives from a user message text; exported for tests and for UI help text. */
export function parseOfflineDirectives(message: string): OfflineDirectives {
  const out: OfflineDirectives = { text: "", ignored: [] };
  const { text, args } = extractJsonArgs(message);
  if (args) out.args = args;
  const stripped = text.replace(DIRECTIVE_TOKEN, (_match, lead: string, key: string, value: string) => {
    const token = `offline:${key}=${value}`;
    const k = key.toLowerCase();
    if (k === "words" || k === "delay" || k === "reasoning" || k === "failures") {
      const n = parseIntStrict(value);
      if (n === undefined) out.ignored.push(token);
      else if (k === "words") out.words = clampInt(n, 1, MAX_WORDS);
      else if (k === "delay") out.delay = clampInt(n, 0, MAX_DELAY_MS);
      else if (k === "failures") out.failures = clampInt(n, 0, 100);
      else out.reasoning = clampInt(n, 0, MAX_WORDS);
    } else if (k === "tool" && value !== "") {
      out.tool = value;
    } else if (k === "args" && value !== "") {
      out.args = value;
    } else if (k === "fail" && value !== "") {
      out.fail = value.toLowerCase();
    } else if (k === "format" && value.toLowerCase() === "markdown") {
      out.format = "markdown";
    } else {
      out.ignored.push(token);
    }
    return lead;
  });
  out.text = stripped.replace(/\s+/g, " ").trim();
  return out;
}

// ---------------------------------------------------------------------------
// Deterministic text

/** FNV-1a: small, stable across runtimes, good enough to seed filler. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG so the same input always yields the same words. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER_WORDS = [
  "the",
  "offline",
  "stand-in",
  "writes",
  "placeholder",
  "text",
  "so",
  "that",
  "streaming",
  "rendering",
  "and",
  "storage",
  "can",
  "be",
  "exercised",
  "without",
  "a",
  "network",
  "connection",
  "every",
  "word",
  "is",
  "chosen",
  "from",
  "fixed",
  "list",
  "using",
  "seed",
  "derived",
  "your",
  "message",
  "which",
  "keeps",
  "output",
  "stable",
  "between",
  "runs",
  "nothing",
  "here",
  "was",
  "generated",
  "by",
  "model",
  "it",
  "only",
  "looks",
  "like",
  "prose",
  "paragraphs",
  "arrive",
  "in",
  "small",
  "chunks",
  "much",
  "as",
  "they",
  "would",
  "from",
  "Workers",
  "AI",
  "when",
  "connected",
  "layout",
  "scrolling",
  "markdown",
  "tests",
];

/**
 * Exactly `count` whitespace-separated words of filler sentences, seeded by
 * `seed`. Returns words with punctuation attached; paragraph breaks are
 * decided by the caller via the `endsSentence` flags.
 */
function fillerWords(seed: number, count: number): { word: string; endsSentence: boolean }[] {
  const rand = prng(seed);
  const out: { word: string; endsSentence: boolean }[] = [];
  while (out.length < count) {
    const len = 6 + Math.floor(rand() * 9);
    for (let i = 0; i < len && out.length < count; i++) {
      let w = FILLER_WORDS[Math.floor(rand() * FILLER_WORDS.length)] ?? "text";
      if (i === 0) w = w.charAt(0).toUpperCase() + w.slice(1);
      // Occasional bold so markdown rendering has inline work too.
      else if (rand() < 0.04) w = `**${w}**`;
      const last = i === len - 1 || out.length === count - 1;
      if (last) w += ".";
      else if (i > 2 && rand() < 0.08) w += ",";
      out.push({ word: w, endsSentence: last });
    }
  }
  return out;
}

function splitWords(text: string): string[] {
  const t = text.trim();
  return t === "" ? [] : t.split(/\s+/);
}

function countWords(text: string): number {
  return splitWords(text).length;
}

/**
 * Plain reply: a labelled header quoting the user, then seeded filler, cut to
 * exactly `words` words, with a blank line roughly every 40 words.
 */
function buildPlainReply(userText: string, words: number): string {
  const quoteWords = splitWords(userText);
  const quote = quoteWords.slice(0, 24).join(" ") + (quoteWords.length > 24 ? "…" : "");
  const header =
    "Offline mode — this reply comes from the built-in offline stand-in, not a model." +
    (quote ? ` You said: “${quote}”.` : "");
  const headerWords = splitWords(header);
  if (words <= headerWords.length) return headerWords.slice(0, words).join(" ");

  const filler = fillerWords(hash32(userText), words - headerWords.length);
  let text = `${header}\n\n`;
  let inParagraph = 0;
  filler.forEach((entry, i) => {
    text += entry.word;
    inParagraph++;
    if (i === filler.length - 1) return;
    if (entry.endsSentence && inParagraph >= PARAGRAPH_WORDS) {
      text += "\n\n";
      inParagraph = 0;
    } else {
      text += " ";
    }
  });
  return text;
}

// What a real model's long answer mixes into its prose; cycled between paragraphs by buildMarkdownReply.
const MARKDOWN_BLOCKS: readonly ((n: number) => string)[] = [
  (n) => `## Part ${n}`,
  () =>
    "```ts\nexport function add(a: number, b: number): number {\n  return a + b; // offline sample\n}\nconst total = [1, 2, 3].reduce(add, 0);\nconsole.log(`total: ${total}`);\n```",
  () => "- a first point with `inline code`\n- a second point with a [link](https://example.com/docs)\n- a third point",
  () =>
    "```python\ndef fib(n: int) -> int:\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\nprint([fib(i) for i in range(10)])\n```",
  () => "| Name | Value | Note |\n| --- | ---: | --- |\n| alpha | 1 | first |\n| beta | 22 | second |",
  () => "$$\ne^{i\\pi} + 1 = 0\n$$",
  () => "```bash\nnpm run build && npm test -- --reporter=dot\n```",
  () => "> A quoted remark, as replies often carry.\n\n1. step one\n2. step two",
];

/**
 * A markdown-heavy reply (`offline:format=markdown`): the plain reply's paragraphs with a
 * heading, list, table, math or fenced code block after each, cut to exactly `words` words.
 */
function buildMarkdownReply(userText: string, words: number): string {
  const paragraphs = buildPlainReply(userText, words).split("\n\n");
  const out: string[] = [];
  paragraphs.forEach((paragraph, i) => {
    out.push(paragraph);
    if (i < paragraphs.length - 1)
      out.push((MARKDOWN_BLOCKS[i % MARKDOWN_BLOCKS.length] as (n: number) => string)(i + 1));
  });
  return truncateWords(out.join("\n\n"), words);
}

function buildReasoning(userText: string, words: number): string {
  if (words <= 0) return "";
  const label = splitWords("(Offline stand-in: simulated reasoning, not a model.)");
  const all = [
    ...label,
    ...fillerWords(hash32(`reasoning:${userText}`), Math.max(0, words - label.length)).map((w) => w.word),
  ];
  return all.slice(0, words).join(" ");
}

/** Cut text to at most `max` words, keeping the original separators. */
function truncateWords(text: string, max: number): string {
  const tokens = text.match(/\S+\s*/g) ?? [];
  return tokens.slice(0, max).join("").trimEnd();
}

// ---------------------------------------------------------------------------
// Reading the request

interface WireToolCall {
  id?: unknown;
  function?: { name?: unknown; arguments?: unknown };
  name?: unknown;
  arguments?: unknown;
}

interface WireMessage {
  role?: unknown;
  content?: unknown;
  tool_calls?: unknown;
  tool_call_id?: unknown;
  name?: unknown;
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => {
        if (part && typeof part === "object" && (part as { type?: unknown }).type === "text") {
          const t = (part as { text?: unknown }).text;
          return typeof t === "string" ? t : "";
        }
        return "";
      })
      .filter((t) => t !== "")
      .join("\n");
  }
  if (content == null) return "";
  return JSON.stringify(content);
}

function readMessages(inputs: Record<string, unknown>): WireMessage[] {
  const msgs = inputs.messages;
  if (Array.isArray(msgs)) {
    return msgs.filter((m): m is WireMessage => !!m && typeof m === "object");
  }
  if (typeof inputs.prompt === "string") return [{ role: "user", content: inputs.prompt }];
  return [];
}

function toolCallsOf(message: WireMessage): WireToolCall[] {
  return Array.isArray(message.tool_calls)
    ? message.tool_calls.filter((c): c is WireToolCall => !!c && typeof c === "object")
    : [];
}

function offeredToolNames(inputs: Record<string, unknown>): string[] {
  if (!Array.isArray(inputs.tools)) return [];
  const names: string[] = [];
  for (const t of inputs.tools as unknown[]) {
    if (!t || typeof t !== "object") continue;
    const fn = (t as { function?: { name?: unknown } }).function;
    const name = fn?.name ?? (t as { name?: unknown }).name;
    if (typeof name === "string") names.push(name);
  }
  return names;
}

/**
 * The tool a forced tool_choice makes the model call: the named function, or for
 * "required" the directive's tool if offered, else the first tool offered.
 */
function forcedToolName(inputs: Record<string, unknown>, directiveTool: string | undefined): string | undefined {
  const offered = offeredToolNames(inputs);
  const choice = inputs.tool_choice;
  if (choice === "required") {
    return directiveTool !== undefined && offered.includes(directiveTool) ? directiveTool : offered[0];
  }
  if (choice && typeof choice === "object") {
    const name = (choice as { function?: { name?: unknown } }).function?.name;
    return typeof name === "string" && offered.includes(name) ? name : undefined;
  }
  return undefined;
}

/** Rough token count: whitespace-separated words of every message (text and tool-call arguments). */
function promptWords(messages: WireMessage[]): number {
  let n = 0;
  for (const m of messages) {
    n += countWords(contentText(m.content));
    for (const call of toolCallsOf(m)) {
      const args = call.function?.arguments ?? call.arguments;
      n += countWords(typeof args === "string" ? args : JSON.stringify(args ?? {}));
    }
  }
  return n;
}

/** A JSON-only copy of the inputs: safe to structuredClone, keep, and compare in tests. */
function plainCopy(inputs: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
  } catch {
    return { unserializable: true };
  }
}

// ---------------------------------------------------------------------------
// Errors, shaped like the real binding's

function inferenceError(message: string): Error {
  const error = new Error(message);
  // The real binding throws this name with "<code>: <text>" messages; the provider parses the code from the message.
  error.name = "InferenceUpstreamError";
  return error;
}

function codedError(code: string, model: string): Error {
  switch (code) {
    case "3040":
      return inferenceError("3040: Capacity temporarily exceeded, please try again.");
    case "3036":
      return inferenceError(
        "3036: You have used up your daily free allocation of 10,000 neurons, please upgrade to Cloudflare's Workers paid plan if you would like to continue usage.",
      );
    case "5007":
      return inferenceError(`5007: No such model ${model} or task`);
    default:
      return inferenceError(`${code}: Simulated Workers AI error (offline stand-in).`);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

// ---------------------------------------------------------------------------
// Planning a reply

type FinishReason = "stop" | "length" | "tool_calls";

const STREAM_FAILURES = ["midstream", "truncate", "stall", "stall-midstream"] as const;
type StreamFailure = (typeof STREAM_FAILURES)[number];

function isStreamFailure(fail: string | undefined): fail is StreamFailure {
  return (STREAM_FAILURES as readonly (string | undefined)[]).includes(fail);
}

/** In a payload list: send nothing more but keep the connection open, like a stuck upstream. */
const STALL = Symbol("stall");
/** Long enough for any timeout to fire first; a timer (not a forever-pending promise) so workerd sees pending work. */
const STALL_MS = 10 * 60_000;

interface TextPlan {
  kind: "text";
  text: string;
  reasoning: string;
  finishReason: "stop" | "length";
  /** Simulated stream failure; only meaningful when streaming. */
  fail?: StreamFailure;
}

interface ToolPlan {
  kind: "tool";
  id: string;
  name: string;
  args: string;
  reasoning: string;
}

type Plan = TextPlan | ToolPlan;

interface Settings {
  delay: number;
  replyWords: number;
  wordsPerChunk: number;
}

function textPlan(text: string, reasoning: string, maxTokens: number | undefined, fail: TextPlan["fail"]): TextPlan {
  // Workers AI stops at max_tokens and reports "length"; words stand in for tokens here.
  if (maxTokens !== undefined && countWords(text) > maxTokens) {
    return { kind: "text", text: truncateWords(text, maxTokens), reasoning, finishReason: "length", fail };
  }
  return { kind: "text", text, reasoning, finishReason: "stop", fail };
}

function summariseToolResults(messages: WireMessage[]): string {
  // Every trailing tool message answers the last assistant turn (parallel calls give several).
  const trailing: WireMessage[] = [];
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role === "tool"; i--)
    trailing.unshift(messages[i] as WireMessage);

  const nameById = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== "assistant") continue;
    for (const call of toolCallsOf(m)) {
      const name = call.function?.name ?? call.name;
      if (typeof call.id === "string" && typeof name === "string") nameById.set(call.id, name);
    }
  }

  const sentences = trailing.map((m) => {
    const byId = typeof m.tool_call_id === "string" ? nameById.get(m.tool_call_id) : undefined;
    const name = byId ?? (typeof m.name === "string" ? m.name : "unknown");
    const raw = contentText(m.content).trim();
    const result = raw.length > TOOL_RESULT_MAX_CHARS ? `${raw.slice(0, TOOL_RESULT_MAX_CHARS)}…` : raw;
    return `The ${name} tool returned: ${result === "" ? "(nothing)" : result}.`;
  });
  return `${sentences.join(" ")}\n\n(Offline mode: this summary comes from the built-in offline stand-in, not a model.)`;
}

function normaliseArgs(raw: string | undefined): string {
  if (raw === undefined) return "{}";
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return raw; // Deliberately passed through: simulates a model emitting malformed tool arguments.
  }
}

function planReply(
  inputs: Record<string, unknown>,
  messages: WireMessage[],
  directives: OfflineDirectives,
  settings: Settings,
): Plan {
  const maxTokensRaw = inputs.max_tokens;
  const maxTokens =
    typeof maxTokensRaw === "number" && Number.isFinite(maxTokensRaw) && maxTokensRaw > 0
      ? Math.floor(maxTokensRaw)
      : undefined;
  const fail = isStreamFailure(directives.fail) ? directives.fail : undefined;
  const reasoning = buildReasoning(directives.text, directives.reasoning ?? 0);
  const last = messages[messages.length - 1];

  // A forced tool choice is obeyed as a model would, directive or not and even
  // right after a tool result: the AI SDK rejects a reply without a tool call
  // when tool_choice is "required" (the caller relaxes it to end its loop).
  const forced = forcedToolName(inputs, directives.tool);
  if (forced !== undefined) {
    const args = normaliseArgs(directives.args);
    const id = `call_${hash32(`${forced}|${args}|${messages.length}`).toString(36).padStart(7, "0")}`;
    return { kind: "tool", id, name: forced, args, reasoning };
  }

  // Otherwise a tool result is always answered in text: this is what ends a tool loop.
  if (last?.role === "tool") return textPlan(summariseToolResults(messages), reasoning, maxTokens, fail);

  if (directives.tool !== undefined) {
    const offered = offeredToolNames(inputs);
    const name = directives.tool;
    if (inputs.tool_choice === "none") {
      return textPlan(
        `Offline mode — the request turned tool calls off (tool_choice "none"), so the tool "${name}" was not called. This is the built-in offline stand-in, not a model.`,
        reasoning,
        maxTokens,
        fail,
      );
    }
    if (!offered.includes(name)) {
      const list = offered.length > 0 ? `Tools offered: ${offered.join(", ")}.` : "No tools were offered.";
      return textPlan(
        `Offline mode — the tool "${name}" is not available to this model, so no tool was called. ${list} This is the built-in offline stand-in, not a model.`,
        reasoning,
        maxTokens,
        fail,
      );
    }
    const args = normaliseArgs(directives.args);
    const id = `call_${hash32(`${name}|${args}|${messages.length}`).toString(36).padStart(7, "0")}`;
    return { kind: "tool", id, name, args, reasoning };
  }

  const words = directives.words ?? settings.replyWords;
  const reply = directives.format === "markdown" ? buildMarkdownReply : buildPlainReply;
  return textPlan(reply(directives.text, words), reasoning, maxTokens, fail);
}

// ---------------------------------------------------------------------------
// Wire output

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

function usageFor(plan: Plan, promptTokens: number): Usage {
  const completion =
    countWords(plan.reasoning) +
    (plan.kind === "text" ? countWords(plan.text) : Math.max(1, countWords(`${plan.name} ${plan.args}`)));
  return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
}

/** Split text into chunks of `perChunk` words, each keeping its trailing whitespace so they concatenate to the exact text. */
function chunkText(text: string, perChunk: number): string[] {
  const tokens = text.match(/\S+\s*/g) ?? [];
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += perChunk) chunks.push(tokens.slice(i, i + perChunk).join(""));
  return chunks;
}

/** Split tool arguments into fragments, by code point so no surrogate pair is cut. */
function chunkArgs(args: string, size: number): string[] {
  const points = Array.from(args);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(""));
  return out;
}

/**
 * SSE event payloads (JSON text, or "[DONE]") for a plan.
 *
 * Plain replies use the native shape `{"response": "..."}`. When reasoning is
 * requested the whole reply uses the OpenAI shape
 * (`choices[0].delta.{reasoning_content,content,tool_calls}`), as Workers AI's
 * reasoning models do; the provider parses both.
 */
function ssePayloads(plan: Plan, usage: Usage, wordsPerChunk: number): (string | typeof STALL)[] {
  const openAI = plan.reasoning !== "";
  const delta = (d: Record<string, unknown>) => JSON.stringify({ choices: [{ index: 0, delta: d }] });
  const out: (string | typeof STALL)[] = [];
  if (plan.kind === "text" && plan.fail === "stall") return [STALL];

  for (const piece of chunkText(plan.reasoning, wordsPerChunk)) out.push(delta({ reasoning_content: piece }));

  let finishReason: FinishReason;
  if (plan.kind === "text") {
    let pieces = chunkText(plan.text, wordsPerChunk);
    if (plan.fail) pieces = pieces.slice(0, Math.max(1, Math.ceil(pieces.length / 2)));
    for (const piece of pieces) out.push(openAI ? delta({ content: piece }) : JSON.stringify({ response: piece }));
    if (plan.fail === "midstream") {
      // An error event inside an otherwise well-formed stream, then [DONE].
      out.push(JSON.stringify({ error: "Internal error" }), "[DONE]");
      return out;
    }
    if (plan.fail === "truncate") return out; // The connection just ends: no usage, no finish_reason, no [DONE].
    if (plan.fail === "stall-midstream") return [...out, STALL];
    finishReason = plan.finishReason;
  } else {
    const start = [{ id: plan.id, type: "function", index: 0, function: { name: plan.name, arguments: "" } }];
    out.push(openAI ? delta({ tool_calls: start }) : JSON.stringify({ response: "", tool_calls: start }));
    for (const fragment of chunkArgs(plan.args, 12)) {
      const part = [{ index: 0, function: { arguments: fragment } }];
      out.push(openAI ? delta({ tool_calls: part }) : JSON.stringify({ response: "", tool_calls: part }));
    }
    finishReason = "tool_calls";
  }

  out.push(
    openAI
      ? JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage })
      : JSON.stringify({ response: "", usage, finish_reason: finishReason }),
  );
  out.push("[DONE]");
  return out;
}

/** Non-streaming body in the shapes the provider's extractContent/processToolCalls read. */
function generateBody(plan: Plan, usage: Usage): Record<string, unknown> {
  const toolCalls =
    plan.kind === "tool"
      ? [{ id: plan.id, type: "function", function: { name: plan.name, arguments: plan.args } }]
      : undefined;
  const text = plan.kind === "text" ? plan.text : "";
  const finishReason: FinishReason = plan.kind === "text" ? plan.finishReason : "tool_calls";
  if (plan.reasoning !== "") {
    return {
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: text,
            reasoning_content: plan.reasoning,
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
          finish_reason: finishReason,
        },
      ],
      usage,
    };
  }
  return { response: text, ...(toolCalls ? { tool_calls: toolCalls } : {}), usage, finish_reason: finishReason };
}

// ---------------------------------------------------------------------------
// Timing

type Sleep = { promise: Promise<void>; cancel(): void };

function sleep(ms: number): Sleep {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveFn: () => void = () => {};
  const promise = new Promise<void>((resolve) => {
    resolveFn = resolve;
    timer = setTimeout(resolve, ms);
  });
  return {
    promise,
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      resolveFn();
    },
  };
}

/** Yield to the event loop: setImmediate where the runtime has it (Node, workerd with nodejs_compat), else setTimeout(0), which Node clamps to 1 ms. */
function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;
  return new Promise<void>((resolve) => {
    if (typeof immediate === "function") immediate(resolve);
    else setTimeout(resolve, 0);
  });
}

function sseStream(
  payloads: (string | typeof STALL)[],
  delay: number,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let index = 0;
  let finished = false;
  let pending: Sleep | undefined;
  let onAbort: (() => void) | undefined;

  const stop = () => {
    finished = true;
    pending?.cancel();
    if (signal && onAbort) signal.removeEventListener("abort", onAbort);
  };

  // Pull-based, so chunks are produced only as fast as the provider reads them.
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (!signal) return;
      onAbort = () => {
        if (finished) return;
        stop();
        controller.error(abortReason(signal));
      };
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      if (finished) return;
      if (index > 0) {
        if (delay > 0) {
          pending = sleep(delay);
          await pending.promise;
          pending = undefined;
        } else if (index % YIELD_EVERY_CHUNKS === 0) {
          await yieldToEventLoop();
        }
      }
      if (finished) return; // Aborted or cancelled while waiting.
      const payload = payloads[index++];
      if (payload === STALL) {
        pending = sleep(STALL_MS);
        await pending.promise;
        return;
      }
      if (payload !== undefined) controller.enqueue(encoder.encode(`data: ${payload}\n\n`));
      if (index >= payloads.length) {
        stop();
        controller.close();
      }
    },
    cancel() {
      stop();
    },
  });
}

/** Wait `ms`, rejecting with the abort reason if the signal fires first. */
function waitOrAbort(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const pause = sleep(ms);
    const onAbort = () => {
      pause.cancel();
      if (signal) reject(abortReason(signal));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    pause.promise.then(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

// ---------------------------------------------------------------------------
// Images

// Outputs made by the stand-in, so callers that only see the (wrapped) binding's
// answer can still tell a placeholder from a real picture. A WeakSet, not a
// marker field, keeps the output exactly the shape Workers AI returns.
const offlineOutputs = new WeakSet<object>();

/** Whether `output` (as returned by run()) was made by the offline stand-in rather than Workers AI. */
export function isOfflineOutput(output: unknown): boolean {
  return typeof output === "object" && output !== null && offlineOutputs.has(output);
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  // In slices: String.fromCharCode(...all) would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function runImageModel(
  model: string,
  inputs: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<{ image: string }> {
  const prompt = inputs.prompt;
  // Worded like Workers AI's own input-schema errors (code 5006).
  if (typeof prompt !== "string" || prompt.length === 0) {
    throw inferenceError("5006: Error: required properties at '/' are 'prompt' (simulated by the offline stand-in)");
  }
  if (prompt.length > MAX_IMAGE_PROMPT_CHARS) {
    throw inferenceError(
      `5006: Error: must NOT have more than ${MAX_IMAGE_PROMPT_CHARS} characters at '/prompt' (simulated by the offline stand-in)`,
    );
  }
  const directives = parseOfflineDirectives(prompt);
  if (directives.fail !== undefined) {
    if (/^\d{3,5}$/.test(directives.fail)) throw codedError(directives.fail, model);
    if (isStreamFailure(directives.fail)) {
      // An image is one answer, not a stream: it can only fail as a whole.
      throw inferenceError(
        `Internal error (simulated by the offline stand-in: offline:fail=${directives.fail} on an image model)`,
      );
    }
    throw new Error(
      `offline binding: unknown offline:fail=${directives.fail} (on an image model, use a Workers AI error code such as 3040)`,
    );
  }
  await waitOrAbort(directives.delay ?? 0, signal);
  const seed = typeof inputs.seed === "number" ? inputs.seed : 0;
  const png = await offlinePlaceholderPng(hash32(`${seed}|${directives.text}`), directives.text);
  const output = { image: toBase64(png) };
  offlineOutputs.add(output);
  return output;
}

// ---------------------------------------------------------------------------
// Speech to text

function runTranscriptionModel(inputs: Record<string, unknown>): Record<string, unknown> {
  const audio = inputs.audio;
  // Worded like Workers AI's own input-schema errors (code 5006).
  if (typeof audio !== "string" || audio.length === 0) {
    throw inferenceError(
      "5006: Error: required properties at '/' are 'audio', a base64 string (simulated by the offline stand-in)",
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(audio), (c) => c.charCodeAt(0));
  } catch {
    throw inferenceError("5006: Error: '/audio' is not valid base64 (simulated by the offline stand-in)");
  }
  const output = { ...offlineWhisperOutput(bytes) };
  offlineOutputs.add(output);
  return output;
}

// ---------------------------------------------------------------------------
// Observing calls

type OfflineCallObserver = (call: OfflineRunCall) => void;
const observers = new Set<OfflineCallObserver>();

/**
 * Calls `observer` with every run() any offline binding in this isolate receives,
 * until the returned function is called. Route handlers make a new binding per
 * request, so this is how tests see what the provider really sent (tools,
 * max_tokens, reasoning_effort). Nothing is kept while nobody observes.
 */
export function observeOfflineCalls(observer: OfflineCallObserver): () => void {
  observers.add(observer);
  return () => {
    observers.delete(observer);
  };
}

// ---------------------------------------------------------------------------

function optionNumber(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === "number" && Number.isFinite(value) ? clampInt(value, min, max) : fallback;
}

// Failures simulated so far per message, for `offline:failures=N`. Module-wide, like a flaky upstream:
// each request makes its own binding, and a person's "Retry" is a new request that should get through.
const simulatedFailures = new Map<string, number>();
const MAX_TRACKED_FAILURES = 1000;

/** Whether this call should fail as its `offline:fail` says (every time, or only the first N times). */
function failsThisTime(directives: OfflineDirectives): boolean {
  if (directives.fail === undefined) return false;
  if (directives.failures === undefined) return true;
  const key = `${directives.fail}|${directives.text}`;
  const failed = simulatedFailures.get(key) ?? 0;
  if (failed >= directives.failures) return false;
  if (simulatedFailures.size >= MAX_TRACKED_FAILURES) simulatedFailures.clear();
  simulatedFailures.set(key, failed + 1);
  return true;
}

export function createOfflineBinding(options: OfflineBindingOptions = {}): OfflineBinding {
  const base: Settings = {
    delay: optionNumber(options.chunkDelayMs, DEFAULT_CHUNK_DELAY_MS, 0, MAX_DELAY_MS),
    replyWords: optionNumber(options.replyWords, DEFAULT_REPLY_WORDS, 1, MAX_WORDS),
    wordsPerChunk: optionNumber(options.wordsPerChunk, 1, 1, 1000),
  };
  const calls: OfflineRunCall[] = [];
  async function run(
    model: string,
    inputs: Record<string, unknown>,
    runOptions?: { signal?: AbortSignal; [k: string]: unknown },
  ): Promise<unknown> {
    const call = { model, inputs: plainCopy(inputs ?? {}) };
    calls.push(call);
    if (calls.length > MAX_CALLS_KEPT) calls.splice(0, calls.length - MAX_CALLS_KEPT);
    for (const observer of observers) observer(call);

    const signal = runOptions?.signal;
    if (signal?.aborted) throw abortReason(signal);

    if (typeof model !== "string" || !(model.startsWith("@cf/") || model.startsWith("@hf/"))) {
      throw codedError("5007", String(model));
    }
    if (OFFLINE_IMAGE_MODELS.has(model)) return runImageModel(model, inputs ?? {}, signal);
    if (OFFLINE_TRANSCRIPTION_MODELS.has(model)) return runTranscriptionModel(inputs ?? {});
    if (NON_TEXT_MODEL.test(model)) throw new Error(`offline binding: ${model} is not supported offline yet`);

    const messages = readMessages(inputs ?? {});
    if (messages.length === 0) throw new Error("offline binding: inputs need `messages` or `prompt`");

    let lastUser: WireMessage | undefined;
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]?.role === "user") {
        lastUser = messages[i];
        break;
      }
    }
    const parsed = parseOfflineDirectives(lastUser ? contentText(lastUser.content) : "");
    const directives = failsThisTime(parsed) ? parsed : { ...parsed, fail: undefined };

    if (directives.fail !== undefined && !isStreamFailure(directives.fail)) {
      if (!/^\d{3,5}$/.test(directives.fail)) {
        throw new Error(
          `offline binding: unknown offline:fail=${directives.fail} (use a Workers AI error code such as 3040, or ${STREAM_FAILURES.join(", ")})`,
        );
      }
      throw codedError(directives.fail, model);
    }

    const images = lastUser ? wireImages(lastUser.content) : [];
    if (images.length > 0 && findModel(BUILT_IN_CATALOG, model)?.vision === false) {
      // Worded like Workers AI's input-schema errors; our server never sends images to such a model.
      throw inferenceError(
        `5006: Error: ${model} does not accept image input at '/messages' (simulated by the offline stand-in)`,
      );
    }

    const settings: Settings = { ...base, delay: directives.delay ?? base.delay };
    const plan = planReply(inputs, messages, directives, settings);
    // What arrived comes first and is never cut by offline:words, so tests and people can see the image got there.
    if (images.length > 0 && plan.kind === "text" && messages.at(-1)?.role !== "tool") {
      plan.text = `${describeWireImages(images)}\n\n${plan.text}`;
    }
    const usage = usageFor(plan, promptWords(messages));

    if (inputs.stream === true) {
      return sseStream(ssePayloads(plan, usage, settings.wordsPerChunk), settings.delay, signal);
    }

    if (plan.kind === "text" && (plan.fail === "stall" || plan.fail === "stall-midstream")) {
      // A stuck upstream never answers; only the caller's timeout (its abort signal) ends the wait.
      await waitOrAbort(STALL_MS, signal);
    }
    if (plan.kind === "text" && plan.fail) {
      // A non-streamed call cannot fail half-way; the real service answers with an uncoded internal error.
      throw inferenceError(
        `Internal error (simulated by the offline stand-in: offline:fail=${plan.fail} on a non-streaming call)`,
      );
    }
    // Take about as long as the stream would have, so non-streaming timing stays comparable.
    if (settings.delay > 0) {
      const chunkCount = ssePayloads(plan, usage, settings.wordsPerChunk).length;
      await waitOrAbort(settings.delay * Math.max(0, chunkCount - 1), signal);
    }
    return generateBody(plan, usage);
  }

  return {
    run,
    get calls(): readonly OfflineRunCall[] {
      return calls;
    },
    offline: true,
  };
}
