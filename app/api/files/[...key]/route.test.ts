import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteChat } from "@/app/api/chats/[id]/route";
import { resolveAiBinding } from "@/lib/ai/binding";
import { createGenerateImageTool, type GenerateImageOutput } from "@/lib/ai/tools/generate-image";
import { putChatImage } from "@/lib/files/chat-files";
import { imageInfo } from "@/lib/files/image-size";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { GET } from "./route";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

const FAST = "offline:words=3 offline:delay=0";

/** A browser that owns a chat with one generated (offline placeholder) image in it. */
async function chatWithImage(
  prompt = "a lighthouse",
): Promise<{ browser: TestBrowser; chatId: string; image: GenerateImageOutput }> {
  const browser = new TestBrowser(worker);
  const chatId = freshId("files");
  await browser.chatTurn(chatId, `hello ${FAST}`);
  const tool = createGenerateImageTool({
    env: worker.env,
    chatId,
    ownerId: browser.ownerId,
    ai: resolveAiBinding({ AI_MODE: "offline" }).binding,
  });
  const image = (await tool.execute?.(
    { prompt },
    { toolCallId: "call-1", messages: [], context: {} },
  )) as GenerateImageOutput;
  return { browser, chatId, image };
}

/** GET /api/files/<url's key> as `browser` (or with no cookie at all). */
function getFile(url: string, browser?: TestBrowser, headers: Record<string, string> = {}): Promise<Response> {
  const request = browser
    ? browser.request(url, { headers })
    : new Request(new URL(url, "http://localhost"), { headers });
  const key = url.replace(/^\/api\/files\//, "").split("/");
  return GET(request, { params: Promise.resolve({ key }) });
}

function r2Key(url: string): string {
  return url.replace(/^\/api\/files\//, "");
}

describe("GET /api/files/[...key]", () => {
  it("serves the owner the stored bytes with type, cache headers, ETag and nosniff", async () => {
    const { browser, image } = await chatWithImage();
    const response = await getFile(image.url, browser);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);

    const served = new Uint8Array(await response.arrayBuffer());
    const stored = await worker.env.FILES.get(r2Key(image.url));
    expect(stored?.httpEtag).toBe(etag);
    expect(served).toEqual(new Uint8Array(await (stored as R2ObjectBody).arrayBuffer()));
    expect(response.headers.get("content-length")).toBe(String(served.length));
    expect([...served.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(imageInfo(served)).toMatchObject({ width: 1024, height: 1024 });
  });

  it("answers 304 with no body when If-None-Match has the current ETag", async () => {
    const { browser, image } = await chatWithImage();
    const etag = (await getFile(image.url, browser)).headers.get("etag") ?? "";

    const cached = await getFile(image.url, browser, { "if-none-match": etag });
    expect(cached.status).toBe(304);
    expect(cached.body).toBeNull();
    expect(cached.headers.get("etag")).toBe(etag);
    expect(cached.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");

    expect((await getFile(image.url, browser, { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
    expect((await getFile(image.url, browser, { "if-none-match": '"something-else"' })).status).toBe(200);
  });

  it("answers a stranger and a cookie-less request exactly like a missing file: 404 JSON", async () => {
    const { browser, image, chatId } = await chatWithImage();
    const stranger = new TestBrowser(worker);
    await stranger.chatTurn(freshId("stranger"), `mine ${FAST}`);

    for (const response of [await getFile(image.url, stranger), await getFile(image.url)]) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toEqual({ code: "not_found", message: "No such file." });
    }
    // The owner asking for a file that isn't there gets the same answer.
    const missing = await getFile(`/api/files/images/${chatId}/nope.png`, browser);
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toEqual({ code: "not_found", message: "No such file." });
  });

  it("rejects keys of the wrong shape with a 400 JSON error, before looking anything up", async () => {
    const { browser, chatId, image } = await chatWithImage();
    const file = image.url.split("/").at(-1) ?? "";
    const bad: string[][] = [
      ["images", chatId, "..", file],
      ["images", "..", chatId, file],
      ["images", chatId, `..${file}`],
      ["images", chatId, "a.b.png"],
      ["images", chatId, "photo.svg"],
      ["images", chatId],
      ["other", chatId, file],
      ["images", "a/b", file],
      ["images", chatId, "x%2F..%2Fy.png"],
    ];
    for (const key of bad) {
      const response = await GET(browser.request(`/api/files/${key.join("/")}`), { params: Promise.resolve({ key }) });
      expect(response.status, key.join("/")).toBe(400);
      expect((await errorOf(response)).code).toBe("invalid_request");
    }
  });
});

describe("deleting a chat", () => {
  it("removes its images from R2 and leaves other chats' images alone", async () => {
    const { browser, chatId, image } = await chatWithImage();
    // A second image, and a chat whose id starts with this one's: the prefix must not catch it.
    const tool = createGenerateImageTool({
      env: worker.env,
      chatId,
      ownerId: browser.ownerId,
      ai: resolveAiBinding({ AI_MODE: "offline" }).binding,
    });
    await tool.execute?.({ prompt: "a second one" }, { toolCallId: "call-2", messages: [], context: {} });
    const neighbourId = `${chatId}-2`;
    await browser.chatTurn(neighbourId, `hello ${FAST}`);
    const neighbourKey = await putChatImage(worker.env.FILES, {
      chatId: neighbourId,
      ownerId: browser.ownerId,
      bytes: new Uint8Array([0x89, 0x50]),
      mediaType: "image/png",
      prompt: "neighbour",
      offline: true,
    });
    expect((await worker.env.FILES.list({ prefix: `images/${chatId}/` })).objects).toHaveLength(2);

    const response = await deleteChat(browser.request(`/api/chats/${chatId}`, { method: "DELETE" }), {
      params: Promise.resolve({ id: chatId }),
    });
    expect(response.status).toBe(204);
    await worker.settled();

    expect((await worker.env.FILES.list({ prefix: `images/${chatId}/` })).objects).toEqual([]);
    expect(await worker.env.FILES.head(neighbourKey)).not.toBeNull();
    expect((await getFile(image.url, browser)).status).toBe(404);
  });

  it("leaves the images alone when the delete is refused", async () => {
    const { chatId, image } = await chatWithImage();
    const stranger = new TestBrowser(worker);
    await stranger.chatTurn(freshId("stranger"), `mine ${FAST}`);
    const response = await deleteChat(stranger.request(`/api/chats/${chatId}`, { method: "DELETE" }), {
      params: Promise.resolve({ id: chatId }),
    });
    expect(response.status).toBe(404);
    await worker.settled();
    expect(await worker.env.FILES.head(r2Key(image.url))).not.toBeNull();
  });
});
