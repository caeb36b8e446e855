import { tool, zodSchema } from "ai";
import { z } from "zod";
import { htmlToText } from "./html-to-text";
import { checkFetchableUrl } from "./public-url";
import type { ToolContext } from "./tool-context";
import { withToolTimeout } from "./tool-timeout";

export const FETCH_TIMEOUT_MS = 10_000;
/** Bytes read from the body at most; the rest is never downloaded. */
export const MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024;
/** Characters of text returned at most: enough to answer from, small enough for a model's context. */
export const MAX_TEXT_CHARS = 20_000;
export const MAX_REDIRECTS = 5;
const MAX_URL_LENGTH = 2048;

/** Content types the tool reads; anything else (images, PDFs, archives) is refused. */
const READABLE_TYPES = new Set([
  "text/html",
  "application/xhtml+xml",
  "text/plain",
  "application/json",
  "text/markdown",
]);
const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export const fetchWebPageInput = z.object({
  url: z
    .url({ protocol: /^https?$/ })
    .max(MAX_URL_LENGTH)
    .describe('The full http or https address of a public web page, e.g. "https://example.com/article".'),
});
// Wrapped once: the SDK caches the JSON Schema it sends the model on the wrapper, not on the zod object.
const fetchWebPageInputSchema = zodSchema(fetchWebPageInput);

export interface FetchWebPageOutput {
  /** The URL asked for. */
  url: string;
  /** The URL that answered, after redirects. */
  finalUrl: string;
  title: string | null;
  text: string;
  /** True when the page was longer than what was downloaded or returned. */
  truncated: boolean;
  /** Bytes of the body downloaded. */
  bytes: number;
}

/**
 * Knobs for tests. Nothing in production sets them: createChatTools passes no options and
 * nothing reads an environment variable, so a deployment can't open private hosts.
 */
export interface FetchWebPageOptions {
  /** Tests only: lets the tool reach a test server on 127.0.0.1. */
  allowPrivateHosts?: boolean;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
  maxChars?: number;
}

// Built once, not per turn: number formatting goes through Intl, which is slow to start.
const FETCH_WEB_PAGE_DESCRIPTION =
  "Fetch a public web page (http or https) and return its title and readable text (at most " +
  `${MAX_TEXT_CHARS.toLocaleString("en-US")} characters; truncated is true when there was more). Reads HTML, ` +
  "plain text, Markdown and JSON; not images or PDFs. Use it when the user gives a link or asks about a " +
  "page's content. Cite the finalUrl you read.";

/** Reads a public web page and returns its readable text, so the model can answer from it. */
export function createFetchWebPageTool(_context: ToolContext, options: FetchWebPageOptions = {}) {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  return tool({
    description: FETCH_WEB_PAGE_DESCRIPTION,
    inputSchema: fetchWebPageInputSchema,
    execute: ({ url }, { abortSignal }): Promise<FetchWebPageOutput> =>
      withToolTimeout(
        "Web page fetch",
        timeoutMs,
        (signal) => fetchWebPage(url, options, timeoutMs, signal),
        abortSignal,
      ),
  });
}

async function fetchWebPage(
  url: string,
  options: FetchWebPageOptions,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<FetchWebPageOutput> {
  const doFetch = options.fetch ?? fetch;
  const allowPrivateHosts = options.allowPrivateHosts === true;
  let current = checkFetchableUrl(url, { allowPrivateHosts });
  // Redirects are followed by hand so every hop's address is checked before it is requested.
  for (let redirects = 0; ; redirects++) {
    const response = await request(doFetch, current, signal, timeoutMs);
    if (REDIRECT_STATUSES.has(response.status)) {
      await discard(response);
      const location = response.headers.get("location");
      if (!location) throw new Error(`${current.href} redirected (HTTP ${response.status}) without saying where.`);
      if (redirects >= MAX_REDIRECTS) throw new Error(`${url} redirected more than ${MAX_REDIRECTS} times.`);
      try {
        current = checkFetchableUrl(resolveLocation(location, current), { allowPrivateHosts });
      } catch (error) {
        throw new Error(`${current.href} redirected to a URL that can't be fetched: ${messageOf(error)}`);
      }
      continue;
    }
    if (!response.ok) {
      await discard(response);
      const statusText = response.statusText ? ` ${response.statusText}` : "";
      throw new Error(`${current.href} answered HTTP ${response.status}${statusText}.`);
    }
    const { mediaType, charset } = parseContentType(response.headers.get("content-type"));
    if (!READABLE_TYPES.has(mediaType)) {
      await discard(response);
      const what = mediaType ? `content of type ${mediaType}` : "content without a Content-Type";
      throw new Error(`${current.href} has ${what}; only HTML, plain text, Markdown and JSON pages can be read.`);
    }
    let body: { bytes: Uint8Array; truncated: boolean };
    try {
      body = await readLimited(response, options.maxBytes ?? MAX_DOWNLOAD_BYTES);
    } catch (error) {
      throw readableFetchError(error, current, signal, timeoutMs);
    }
    const decoded = decode(body.bytes, charset);
    const page = HTML_TYPES.has(mediaType)
      ? htmlToText(decoded)
      : { title: null, text: decoded.replace(/\r\n?/g, "\n") };
    const text = limitChars(page.text, options.maxChars ?? MAX_TEXT_CHARS);
    return {
      url,
      finalUrl: current.href,
      title: page.title,
      text,
      truncated: body.truncated || text.length < page.text.length,
      bytes: body.bytes.byteLength,
    };
  }
}

const ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,application/json;q=0.8";

async function request(doFetch: typeof fetch, url: URL, signal: AbortSignal, timeoutMs: number): Promise<Response> {
  try {
    return await doFetch(url, {
      redirect: "manual",
      signal,
      headers: { accept: ACCEPT, "user-agent": "workers-ai-chat fetch_web_page tool" },
    });
  } catch (error) {
    throw readableFetchError(error, url, signal, timeoutMs);
  }
}

/** A thrown fetch error as something the model and the user can act on. */
function readableFetchError(error: unknown, url: URL, signal: AbortSignal, timeoutMs: number): Error {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof Error && reason.name === "TimeoutError";
    return new Error(
      timedOut ? `${url.href} did not answer within ${timeoutMs / 1000} s.` : `Fetching ${url.href} was cancelled.`,
    );
  }
  // Node's fetch says only "fetch failed"; the reason (ENOTFOUND, ECONNREFUSED) is the cause.
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return new Error(`Could not fetch ${url.href}: ${messageOf(error)}${cause}`);
}

async function readLimited(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - length));
      length = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(value);
    length += value.byteLength;
  }
  // Stop the download; not awaited, since a stalled server may never acknowledge it.
  if (truncated) reader.cancel().catch(() => {});
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, truncated };
}

/** A Location header (often relative) as an absolute URL; the checks then say if it is bad. */
function resolveLocation(location: string, base: URL): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

/** Frees the connection of a response whose body is not wanted. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

function parseContentType(header: string | null): { mediaType: string; charset: string | null } {
  if (!header) return { mediaType: "", charset: null };
  const [type = "", ...params] = header.split(";");
  const charsetParam = params.map((param) => param.trim()).find((param) => /^charset=/i.test(param));
  const charset = charsetParam ? charsetParam.slice("charset=".length).replace(/^["']|["']$/g, "") : null;
  return { mediaType: type.trim().toLowerCase(), charset };
}

function decode(bytes: Uint8Array, charset: string | null): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? "utf-8");
  } catch {
    // An unknown or unsupported charset (Workers support few): UTF-8 is the likeliest.
    decoder = new TextDecoder("utf-8");
  }
  return decoder.decode(bytes);
}

/** The first maxChars characters, never splitting a surrogate pair. */
function limitChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return text.slice(0, end);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
