import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createFetchWebPageTool,
  type FetchWebPageOptions,
  type FetchWebPageOutput,
  fetchWebPageInput,
  MAX_DOWNLOAD_BYTES,
  MAX_TEXT_CHARS,
} from "./fetch-web-page";
import type { ToolContext } from "./tool-context";

// The tool reads nothing from its context; the bindings are never touched.
const context: ToolContext = {
  env: {} as CloudflareEnv,
  chatId: "chat-1",
  ownerId: "owner-1",
  ai: { run: () => Promise.reject(new Error("not used")) },
};

const MB = 1024 * 1024;
const ARTICLE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Caf&eacute; &amp; Cr&egrave;me</title>
<style>p { color: red }</style><script>window.secret = "script text";</script></head>
<body><nav>Menu</nav><h1>Fresh   &quot;news&quot;</h1>
<p>Price: 5&nbsp;&euro; &mdash; &#169; &#x263A;</p><noscript>Turn on JS</noscript></body></html>`;

/** Resolves when the client drops the connection of a stalled response. */
let stalledClosed: Promise<void> = new Promise(() => {});

function route(req: IncomingMessage, res: ServerResponse, origin: string): void {
  const url = new URL(req.url ?? "/", origin);
  // A client that stops reading makes writes fail; that is expected here.
  res.on("error", () => {});
  const send = (status: number, type: string | null, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...(type ? { "content-type": type } : {}), ...headers });
    res.end(body);
  };
  switch (url.pathname) {
    case "/article":
      return send(200, "text/html; charset=utf-8", ARTICLE);
    case "/plain":
      return send(200, "text/plain", "line one\r\nline two &amp; <b>not html</b>");
    case "/markdown":
      return send(200, "text/markdown; charset=UTF-8", "# Title\n\nSome *markdown*.");
    case "/json":
      return send(200, "application/json", '{"answer":42}');
    case "/latin1":
      return send(200, "text/html; charset=ISO-8859-1", Buffer.from("<title>Caf\xe9</title><p>na\xefve</p>", "latin1"));
    case "/long":
      return send(200, "text/html", `<title>Long</title><p>${"word ".repeat(10_000)}</p>`);
    case "/huge": {
      // 5 MB announced and sent; the tool must stop at its cap.
      res.writeHead(200, { "content-type": "text/plain", "content-length": String(5 * MB) });
      return void res.end(Buffer.alloc(5 * MB, "a"));
    }
    case "/stall": {
      // 5 MB announced, 3 MB sent, then nothing: only a reader that stops at 2 MB finishes.
      res.writeHead(200, { "content-type": "text/plain", "content-length": String(5 * MB) });
      stalledClosed = new Promise((resolve) => res.on("close", () => resolve()));
      return void res.write(Buffer.alloc(3 * MB, "b"));
    }
    case "/image":
      return send(200, "image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    case "/untyped":
      return send(200, null, "who knows");
    case "/missing":
      return send(404, "text/html", "<p>Not here</p>");
    case "/broken":
      return send(503, "text/plain", "down");
    case "/hang":
      return; // never answers
    case "/redirect": {
      // /redirect?n=3 redirects three times, then lands on the article.
      const n = Number(url.searchParams.get("n") ?? "1");
      const location = n > 1 ? `/redirect?n=${n - 1}` : "/article";
      return send(n % 2 === 0 ? 301 : 302, "text/plain", "", { location });
    }
    case "/redirect-absolute":
      return send(307, null, "", { location: `${origin}/plain` });
    case "/redirect-to":
      return send(302, null, "", { location: url.searchParams.get("location") ?? "/" });
    case "/redirect-nowhere":
      return send(302, null, "");
    default:
      return send(404, "text/plain", "unknown route");
  }
}

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((req, res) => route(req, res, origin));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function fetchPage(
  url: string,
  options: FetchWebPageOptions = { allowPrivateHosts: true },
  abortSignal?: AbortSignal,
): Promise<FetchWebPageOutput> {
  const execute = createFetchWebPageTool(context, options).execute;
  if (!execute) throw new Error("fetch_web_page has no execute");
  return (await execute({ url }, { toolCallId: "t1", messages: [], context: {}, abortSignal })) as FetchWebPageOutput;
}

describe("fetch_web_page: reading pages", () => {
  it("returns the title and readable text of an HTML page, without scripts and styles", async () => {
    const page = await fetchPage(`${origin}/article`);
    expect(page).toEqual({
      url: `${origin}/article`,
      finalUrl: `${origin}/article`,
      title: "Café & Crème",
      text: 'Menu\n\nFresh "news"\n\nPrice: 5 € — © ☺',
      truncated: false,
      bytes: Buffer.byteLength(ARTICLE),
    });
    expect(page.text).not.toContain("script text");
    expect(page.text).not.toContain("color: red");
    expect(page.text).not.toContain("Turn on JS");
  });

  it("returns plain text, Markdown and JSON as they are, without a title", async () => {
    await expect(fetchPage(`${origin}/plain`)).resolves.toMatchObject({
      title: null,
      text: "line one\nline two &amp; <b>not html</b>",
    });
    await expect(fetchPage(`${origin}/markdown`)).resolves.toMatchObject({ text: "# Title\n\nSome *markdown*." });
    await expect(fetchPage(`${origin}/json`)).resolves.toMatchObject({ text: '{"answer":42}', truncated: false });
  });

  it("decodes the charset the server names", async () => {
    await expect(fetchPage(`${origin}/latin1`)).resolves.toMatchObject({ title: "Café", text: "naïve" });
  });
});

describe("fetch_web_page: limits", () => {
  it("truncates the text to the character cap and says so", async () => {
    const page = await fetchPage(`${origin}/long`);
    expect(page.text.length).toBe(MAX_TEXT_CHARS);
    expect(page.truncated).toBe(true);
    const smaller = await fetchPage(`${origin}/long`, { allowPrivateHosts: true, maxChars: 100 });
    expect(smaller.text).toBe("word ".repeat(20));
    expect(smaller.truncated).toBe(true);
  });

  it("stops downloading a 5 MB body at the byte cap and reports it truncated", async () => {
    const page = await fetchPage(`${origin}/huge`);
    expect(page.bytes).toBe(MAX_DOWNLOAD_BYTES);
    expect(page.truncated).toBe(true);
    expect(page.text).toBe("a".repeat(MAX_TEXT_CHARS));
  });

  it("never waits for the rest of a body beyond the cap, and drops the connection", async () => {
    const started = Date.now();
    const page = await fetchPage(`${origin}/stall`, { allowPrivateHosts: true, timeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(page).toMatchObject({ bytes: MAX_DOWNLOAD_BYTES, truncated: true });
    await stalledClosed;
  });

  it("gives up on a server that never answers with a timeout error", async () => {
    const started = Date.now();
    await expect(fetchPage(`${origin}/hang`, { allowPrivateHosts: true, timeoutMs: 1_000 })).rejects.toThrow(
      /did not answer within 1 s|took longer than 1 s/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops when the turn is cancelled", async () => {
    const turn = new AbortController();
    setTimeout(() => turn.abort(), 100);
    await expect(fetchPage(`${origin}/hang`, { allowPrivateHosts: true }, turn.signal)).rejects.toThrow(
      "was cancelled",
    );
  });
});

describe("fetch_web_page: errors", () => {
  it("refuses content types it can't read", async () => {
    await expect(fetchPage(`${origin}/image`)).rejects.toThrow(
      `${origin}/image has content of type image/png; only HTML, plain text, Markdown and JSON pages can be read.`,
    );
    await expect(fetchPage(`${origin}/untyped`)).rejects.toThrow("has content without a Content-Type");
  });

  it("reports non-2xx answers with their status", async () => {
    await expect(fetchPage(`${origin}/missing`)).rejects.toThrow(`${origin}/missing answered HTTP 404 Not Found.`);
    await expect(fetchPage(`${origin}/broken`)).rejects.toThrow("answered HTTP 503 Service Unavailable.");
  });

  it("reports a host that refuses the connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchPage(`http://127.0.0.1:${port}/`)).rejects.toThrow(/Could not fetch .*ECONNREFUSED/);
  });

  it.each([["file:///etc/passwd"], ["ftp://example.com/"], ["data:text/plain,hello"], ["javascript:alert(1)"]])(
    "refuses the non-http URL %s, even when called without the schema",
    async (url) => {
      await expect(fetchPage(url)).rejects.toThrow("Only http and https URLs can be fetched");
      expect(fetchWebPageInput.safeParse({ url }).success).toBe(false);
    },
  );

  it("accepts http and https URLs in its input schema", () => {
    expect(fetchWebPageInput.safeParse({ url: "https://example.com/a" }).success).toBe(true);
    expect(fetchWebPageInput.safeParse({ url: "http://example.com:8080/" }).success).toBe(true);
    expect(fetchWebPageInput.safeParse({ url: "not a url" }).success).toBe(false);
  });

  it("refuses local addresses unless a test allows them", async () => {
    await expect(fetchPage(`${origin}/article`, {})).rejects.toThrow(
      "127.0.0.1 is a local or private address; only public web pages can be fetched.",
    );
  });
});

describe("fetch_web_page: redirects", () => {
  it("follows relative and absolute redirects and reports the final URL", async () => {
    await expect(fetchPage(`${origin}/redirect?n=3`)).resolves.toMatchObject({
      url: `${origin}/redirect?n=3`,
      finalUrl: `${origin}/article`,
      title: "Café & Crème",
    });
    await expect(fetchPage(`${origin}/redirect-absolute`)).resolves.toMatchObject({ finalUrl: `${origin}/plain` });
  });

  it("follows at most 5 redirects", async () => {
    await expect(fetchPage(`${origin}/redirect?n=5`)).resolves.toMatchObject({ finalUrl: `${origin}/article` });
    await expect(fetchPage(`${origin}/redirect?n=6`)).rejects.toThrow("redirected more than 5 times");
  });

  it("rejects a redirect without a Location and one to a non-http scheme", async () => {
    await expect(fetchPage(`${origin}/redirect-nowhere`)).rejects.toThrow("redirected (HTTP 302) without saying where");
    await expect(fetchPage(`${origin}/redirect-to?location=file:///etc/passwd`)).rejects.toThrow(
      "redirected to a URL that can't be fetched: Only http and https URLs can be fetched, not file.",
    );
    await expect(fetchPage(`${origin}/redirect-to?location=${encodeURIComponent("http://[bad")}`)).rejects.toThrow(
      'redirected to a URL that can\'t be fetched: "http://[bad" is not a valid URL.',
    );
  });

  describe("from a public host to a private one", () => {
    // The production path (no allowPrivateHosts): a public-looking host is served by the local
    // test server, which then redirects to private addresses the tool must refuse.
    const PUBLIC = "http://public.example.com";
    const viaTestServer: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.hostname !== "public.example.com") throw new Error(`test fetch reached ${url.href}`);
      return fetch(`${origin}${url.pathname}${url.search}`, init);
    };

    it("fetches the public page itself", async () => {
      await expect(fetchPage(`${PUBLIC}/plain`, { fetch: viaTestServer })).resolves.toMatchObject({
        finalUrl: `${PUBLIC}/plain`,
        text: "line one\nline two &amp; <b>not html</b>",
      });
    });

    it.each([
      "http://127.0.0.1/admin",
      "http://2130706433/",
      "http://[::1]/",
      "http://[::ffff:7f00:1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://localhost:8787/",
      "http://10.0.0.1/",
      "http://user:pw@public.example.com/plain",
    ])("refuses a redirect to %s", async (location) => {
      await expect(
        fetchPage(`${PUBLIC}/redirect-to?location=${encodeURIComponent(location)}`, { fetch: viaTestServer }),
      ).rejects.toThrow(
        `${PUBLIC}/redirect-to?location=${encodeURIComponent(location)} redirected to a URL that can't be fetched`,
      );
    });
  });
});
