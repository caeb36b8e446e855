import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { createChat, saveMessage } from "@/lib/db/queries";
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

const MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

interface MessagePage {
  messages: ChatMessage[];
  hasOlder: boolean;
}

/** "m001".."m120": zero-padded so they also sort as text, which the API must not rely on. */
const messageId = (n: number) => `m${String(n).padStart(3, "0")}`;

/** Creates a chat owned by `browser` holding `count` alternating messages, saved oldest first. */
async function seedChat(browser: TestBrowser, count: number, createdAt: (n: number) => number): Promise<string> {
  const chatId = freshId("long");
  await createChat(worker.env.DB, { id: chatId, ownerId: browser.ownerId, model: MODEL, title: "Long chat" });
  for (let n = 1; n <= count; n += 1) {
    await saveMessage(worker.env.DB, chatId, {
      id: messageId(n),
      role: n % 2 === 1 ? "user" : "assistant",
      parts: [{ type: "text", text: `Message number ${n}` }],
      metadata: { createdAt: createdAt(n) },
    });
  }
  return chatId;
}

function pageRequest(browser: TestBrowser, chatId: string, params: Record<string, string> = {}) {
  return GET(browser.request(`/api/chats/${chatId}/messages?${new URLSearchParams(params)}`), {
    params: Promise.resolve({ id: chatId }),
  });
}

async function page(browser: TestBrowser, chatId: string, params: Record<string, string> = {}): Promise<MessagePage> {
  const response = await pageRequest(browser, chatId, params);
  expect(response.status).toBe(200);
  return (await response.json()) as MessagePage;
}

const ids = (messages: ChatMessage[]) => messages.map((message) => message.id);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => messageId(from + i));

/** Scrolls up from the latest page until there is nothing older; returns every id seen, oldest first. */
async function readAllPages(browser: TestBrowser, chatId: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let before: string | undefined;
  for (;;) {
    const current = await page(browser, chatId, { limit: String(limit), ...(before ? { before } : {}) });
    pages.unshift(ids(current.messages));
    if (!current.hasOlder) return pages;
    before = current.messages[0]?.id;
    expect(before).toBeDefined();
    expect(pages.length).toBeLessThan(200);
  }
}

describe("GET /api/chats/[id]/messages", () => {
  let browser: TestBrowser;
  let chatId: string;

  beforeAll(async () => {
    browser = new TestBrowser(worker);
    // One turn gives this browser its owner cookie; the long chat is then written straight to D1.
    await browser.chatTurn(freshId("first"), "hello offline:words=3 offline:delay=0");
    chatId = await seedChat(browser, 120, (n) => 1_000_000 + n * 1_000);
  });

  it("opens on the latest 50 messages, oldest first, and says older ones exist", async () => {
    const latest = await page(browser, chatId);
    expect(ids(latest.messages)).toEqual(range(71, 120));
    expect(latest.hasOlder).toBe(true);
    expect(latest.messages[0]).toEqual({
      id: "m071",
      role: "user",
      parts: [{ type: "text", text: "Message number 71" }],
      metadata: { createdAt: 1_071_000 },
    });
  });

  it("pages backwards with before=<first id of the page>", async () => {
    const latest = await page(browser, chatId, { limit: "50" });
    const previous = await page(browser, chatId, { limit: "50", before: latest.messages[0]?.id ?? "" });
    expect(ids(previous.messages)).toEqual(range(21, 70));
    expect(previous.hasOlder).toBe(true);

    const oldest = await page(browser, chatId, { limit: "50", before: "m021" });
    expect(ids(oldest.messages)).toEqual(range(1, 20));
    expect(oldest.hasOlder).toBe(false);
  });

  it("says there is nothing older when the oldest page is exactly full", async () => {
    const oldest = await page(browser, chatId, { limit: "20", before: "m021" });
    expect(ids(oldest.messages)).toEqual(range(1, 20));
    expect(oldest.hasOlder).toBe(false);
  });

  it.each([50, 17, 1])("visits every message exactly once, in order, scrolling up %i at a time", async (limit) => {
    const pages = await readAllPages(browser, chatId, limit);
    expect(pages).toHaveLength(Math.ceil(120 / limit));
    expect(pages.flat()).toEqual(range(1, 120));
  });

  it("keeps messages saved in the same millisecond in the order they were saved, across pages", async () => {
    // Seven messages share each timestamp, so pages break inside a tie.
    const tied = await seedChat(browser, 30, (n) => 5_000 + Math.floor((n - 1) / 7));
    const pages = await readAllPages(browser, tied, 4);
    expect(pages.flat()).toEqual(range(1, 30));
  });

  it("answers another browser, a cookieless one and an unknown chat with 404", async () => {
    const stranger = new TestBrowser(worker);
    await stranger.chatTurn(freshId("theirs"), "mine offline:words=3 offline:delay=0");
    for (const response of [
      await pageRequest(stranger, chatId),
      await pageRequest(new TestBrowser(worker), chatId),
      await pageRequest(browser, freshId("nothing")),
    ]) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "not_found" });
    }
  });

  it("rejects a malformed before, a bad limit or a bad chat id with 400", async () => {
    const bad: Record<string, string>[] = [
      { before: "m0/1" },
      { before: "bad id!" },
      { before: "x".repeat(129) },
      { limit: "0" },
      { limit: "201" },
      { limit: "ten" },
    ];
    for (const params of bad) {
      const response = await pageRequest(browser, chatId, params);
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: "invalid_request" });
    }
    const badId = await pageRequest(browser, "../etc");
    expect(badId.status).toBe(400);
  });
});
