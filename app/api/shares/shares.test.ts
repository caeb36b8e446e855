import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL_ID } from "@/lib/ai/catalog";
import { DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import { createChat, listMessages } from "@/lib/db/queries";
import { consumeRateLimit } from "@/lib/db/rate-limit";
import { getShare } from "@/lib/db/shares";
import { SHARE_RATE_LIMIT } from "@/lib/share/share-chat";
import type { shareView } from "@/lib/share/share-requests";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { DELETE as deleteChatRoute } from "../chats/[id]/route";
import { GET as getChatShare, POST as postChatShare } from "../chats/[id]/share/route";
import { DELETE as revokeShare } from "./[id]/route";
import { GET as listSharesRoute } from "./route";

/**
 * Share links through the real routes, on local D1: creating and updating a
 * chat's link, what its snapshot keeps (and leaves out), listing, revoking,
 * deleting the chat, rate limits. Images and forks: share-files.test.ts.
 */

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

/** A short, instant offline reply. */
const FAST = "offline:words=3 offline:delay=0";
const SHARE_ID = /^[A-Za-z0-9_-]{24}$/;

/** What the share routes answer with: the summary plus the page's path. */
type ShareView = ReturnType<typeof shareView>;

const routeContext = (id: string) => ({ params: Promise.resolve({ id }) });

function share(browser: TestBrowser, chatId: string, body: unknown = {}): Promise<Response> {
  return postChatShare(browser.jsonRequest(`/api/chats/${chatId}/share`, "POST", body), routeContext(chatId));
}

/** Shares a chat and checks it worked. */
async function shareOk(browser: TestBrowser, chatId: string, body: unknown = {}): Promise<ShareView> {
  const response = await share(browser, chatId, body);
  expect(response.status).toBe(200);
  return ((await response.json()) as { share: ShareView }).share;
}

async function linkOf(browser: TestBrowser, chatId: string): Promise<ShareView | null> {
  const response = await getChatShare(browser.request(`/api/chats/${chatId}/share`), routeContext(chatId));
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return ((await response.json()) as { share: ShareView | null }).share;
}

async function listedShares(browser: TestBrowser): Promise<ShareView[]> {
  const response = await listSharesRoute(browser.request("/api/shares"));
  expect(response.status).toBe(200);
  return ((await response.json()) as { shares: ShareView[] }).shares;
}

function revoke(browser: TestBrowser, shareId: string): Promise<Response> {
  return revokeShare(browser.request(`/api/shares/${shareId}`, { method: "DELETE" }), routeContext(shareId));
}

/** A new browser with its own owner cookie and one chat of its own. */
async function newBrowser(): Promise<{ browser: TestBrowser; chatId: string }> {
  const browser = new TestBrowser(worker);
  const chatId = freshId("share");
  await browser.chatTurn(chatId, `Where do puffins nest? ${FAST}`);
  return { browser, chatId };
}

async function snapshotOf(shareId: string) {
  const row = await getShare(worker.env.DB, shareId);
  if (!row) throw new Error(`share ${shareId} is missing`);
  return row.snapshot;
}

function textsOf(messages: { parts: { type: string; text?: string }[] }[]): string[] {
  return messages.map((message) =>
    message.parts
      .filter((part) => part.type === "text")
      .map((part) => part.text)
      .join(""),
  );
}

describe("POST /api/chats/[id]/share", () => {
  it("creates an unguessable link for the owner's chat", async () => {
    const { browser, chatId } = await newBrowser();
    const created = await shareOk(browser, chatId);
    expect(created.id).toMatch(SHARE_ID);
    expect(created).toMatchObject({
      chatId,
      path: `/share/${created.id}`,
      indexable: false,
      includeSystemPrompt: false,
    });
    // 24 base64url characters carry 144 random bits: two links never look alike.
    const other = await newBrowser();
    expect((await shareOk(other.browser, other.chatId)).id).not.toBe(created.id);
  });

  it("answers a stranger, a browser without a cookie and an unknown chat with 404", async () => {
    const { browser, chatId } = await newBrowser();
    const stranger = (await newBrowser()).browser;
    const anonymous = new TestBrowser(worker);
    for (const response of [
      await share(stranger, chatId),
      await share(anonymous, chatId),
      await share(browser, freshId("no-such-chat")),
    ]) {
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    }
    expect(await linkOf(browser, chatId)).toBeNull();
    expect(await listedShares(stranger)).toEqual([]);
  });

  it("refuses to share a chat with no messages yet (400)", async () => {
    const { browser } = await newBrowser();
    const emptyChat = freshId("empty");
    await createChat(worker.env.DB, { id: emptyChat, ownerId: browser.ownerId, model: DEFAULT_MODEL_ID });
    const response = await share(browser, emptyChat);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("empty_chat");
    expect(await linkOf(browser, emptyChat)).toBeNull();
  });

  it("rejects a bad body or chat id with 400 (and a non-JSON body with 415)", async () => {
    const { browser, chatId } = await newBrowser();
    for (const body of [{ indexable: "yes" }, { includeSystemPrompt: 1 }, [], null]) {
      const response = await share(browser, chatId, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const malformed = await postChatShare(
      browser.request(`/api/chats/${chatId}/share`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      }),
      routeContext(chatId),
    );
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("malformed_json");

    const plain = await postChatShare(
      browser.request(`/api/chats/${chatId}/share`, { method: "POST", body: "{}" }),
      routeContext(chatId),
    );
    expect(plain.status).toBe(415);

    const badId = "a/../b";
    expect((await share(browser, badId)).status).toBe(400);
    expect(await linkOf(browser, chatId)).toBeNull();
  });
});

describe("the snapshot", () => {
  it("holds the messages so far with every internal id replaced", async () => {
    const { browser, chatId } = await newBrowser();
    await browser.chatTurn(chatId, `And where do they winter? ${FAST}`);
    const created = await shareOk(browser, chatId, { indexable: true });

    const row = await getShare(worker.env.DB, created.id);
    expect(row).toMatchObject({ chatId, ownerId: browser.ownerId, indexable: true, includeSystemPrompt: false });
    const snapshot = await snapshotOf(created.id);
    const original = await listMessages(worker.env.DB, chatId);
    expect(snapshot.messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(textsOf(snapshot.messages)).toEqual(textsOf(original));
    expect(snapshot.messages.map((message) => message.id)).toEqual(["m1", "m2", "m3", "m4"]);

    const json = JSON.stringify(snapshot);
    for (const secret of [chatId, browser.ownerId, ...original.map((message) => message.id)]) {
      expect(json).not.toContain(secret);
    }
    expect(snapshot).not.toHaveProperty("systemPrompt");
  });

  it("keeps later messages private until the link is updated, under the same id", async () => {
    const { browser, chatId } = await newBrowser();
    const first = await shareOk(browser, chatId);
    const before = await snapshotOf(first.id);
    expect(before.messages).toHaveLength(2);

    await browser.chatTurn(chatId, `A secret follow-up question ${FAST}`);
    expect(await snapshotOf(first.id)).toEqual(before);
    expect(JSON.stringify(await snapshotOf(first.id))).not.toContain("secret follow-up");

    await new Promise((resolve) => setTimeout(resolve, 5));
    const updated = await shareOk(browser, chatId, { indexable: true });
    expect(updated.id).toBe(first.id);
    expect(updated.createdAt).toBe(first.createdAt);
    expect(updated.updatedAt).toBeGreaterThan(first.updatedAt);
    expect(updated.indexable).toBe(true);

    const after = await snapshotOf(first.id);
    expect(after.messages).toHaveLength(4);
    expect(textsOf(after.messages)[2]).toContain("A secret follow-up question");
    expect(after.sharedAt).toBeGreaterThan(before.sharedAt);
    expect(await listedShares(browser)).toHaveLength(1);
  });

  it("includes the chat's system prompt only when asked to", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("share-prompt");
    const settings = { ...DEFAULT_CHAT_SETTINGS, systemPrompt: "Answer like a lighthouse keeper." };
    await browser.chatTurn(chatId, `Hello ${FAST}`, { settings });

    const withoutPrompt = await shareOk(browser, chatId);
    expect(await snapshotOf(withoutPrompt.id)).not.toHaveProperty("systemPrompt");
    expect(JSON.stringify(await snapshotOf(withoutPrompt.id))).not.toContain("lighthouse keeper");

    const withPrompt = await shareOk(browser, chatId, { includeSystemPrompt: true });
    expect(withPrompt).toMatchObject({ id: withoutPrompt.id, includeSystemPrompt: true });
    expect((await snapshotOf(withPrompt.id)).systemPrompt).toBe("Answer like a lighthouse keeper.");
    expect((await getShare(worker.env.DB, withPrompt.id))?.includeSystemPrompt).toBe(true);

    // Turning it off again takes it back out.
    await shareOk(browser, chatId, { includeSystemPrompt: false });
    expect(await snapshotOf(withPrompt.id)).not.toHaveProperty("systemPrompt");
  });

  it("stores an HTML or script payload as plain text", async () => {
    const browser = new TestBrowser(worker);
    const chatId = freshId("share-xss");
    const payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    await browser.chatTurn(chatId, `${payload} ${FAST}`);
    const created = await shareOk(browser, chatId);

    const [question] = (await snapshotOf(created.id)).messages;
    expect(question?.parts).toEqual([{ type: "text", text: `${payload} ${FAST}` }]);
  });
});

describe("GET /api/chats/[id]/share and GET /api/shares", () => {
  it("return a chat's link (or null) and only the asking owner's links", async () => {
    const { browser, chatId } = await newBrowser();
    const secondChat = freshId("share-second");
    await browser.chatTurn(secondChat, `Another chat ${FAST}`);
    expect(await linkOf(browser, chatId)).toBeNull();
    expect(await listedShares(browser)).toEqual([]);

    const first = await shareOk(browser, chatId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await shareOk(browser, secondChat, { indexable: true });
    expect(await linkOf(browser, chatId)).toEqual(first);
    expect(await linkOf(browser, secondChat)).toEqual(second);
    // Most recently updated first.
    expect((await listedShares(browser)).map((listed) => listed.id)).toEqual([second.id, first.id]);

    const stranger = await newBrowser();
    await shareOk(stranger.browser, stranger.chatId);
    expect(await linkOf(stranger.browser, chatId)).toBeNull();
    expect((await listedShares(stranger.browser)).map((listed) => listed.chatId)).toEqual([stranger.chatId]);
    expect((await listedShares(browser)).map((listed) => listed.id)).toEqual([second.id, first.id]);

    // No cookie: nothing, not an error.
    const anonymous = new TestBrowser(worker);
    expect(await listedShares(anonymous)).toEqual([]);
    expect(await linkOf(anonymous, chatId)).toBeNull();
  });
});

describe("DELETE /api/shares/[id]", () => {
  it("revokes the owner's link: 204, then it is gone", async () => {
    const { browser, chatId } = await newBrowser();
    const created = await shareOk(browser, chatId);

    const response = await revoke(browser, created.id);
    expect(response.status).toBe(204);
    expect(await getShare(worker.env.DB, created.id)).toBeNull();
    expect(await linkOf(browser, chatId)).toBeNull();
    expect(await listedShares(browser)).toEqual([]);
    // Revoking twice: nothing left to revoke.
    expect((await revoke(browser, created.id)).status).toBe(404);

    // Sharing again makes a new link; the old one stays dead.
    const again = await shareOk(browser, chatId);
    expect(again.id).not.toBe(created.id);
    expect(await getShare(worker.env.DB, created.id)).toBeNull();
  });

  it("answers a stranger, no cookie or a malformed id with 404 and keeps the link", async () => {
    const { browser, chatId } = await newBrowser();
    const created = await shareOk(browser, chatId);
    const stranger = (await newBrowser()).browser;

    for (const response of [await revoke(stranger, created.id), await revoke(new TestBrowser(worker), created.id)]) {
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe("not_found");
    }
    const malformed = await revoke(browser, "not-a-share-id");
    expect([400, 404]).toContain(malformed.status);
    expect(await getShare(worker.env.DB, created.id)).not.toBeNull();
    expect(await linkOf(browser, chatId)).toEqual(created);
  });
});

describe("deleting a shared chat", () => {
  it("deletes its link too", async () => {
    const { browser, chatId } = await newBrowser();
    const created = await shareOk(browser, chatId);

    const response = await deleteChatRoute(
      browser.request(`/api/chats/${chatId}`, { method: "DELETE" }),
      routeContext(chatId),
    );
    expect(response.status).toBe(204);
    await worker.settled();
    expect(await getShare(worker.env.DB, created.id)).toBeNull();
    expect(await listedShares(browser)).toEqual([]);
  });

  it("by a stranger does nothing to the chat or its link", async () => {
    const { browser, chatId } = await newBrowser();
    const created = await shareOk(browser, chatId);
    const stranger = (await newBrowser()).browser;
    const response = await deleteChatRoute(
      stranger.request(`/api/chats/${chatId}`, { method: "DELETE" }),
      routeContext(chatId),
    );
    expect(response.status).toBe(404);
    expect(await getShare(worker.env.DB, created.id)).not.toBeNull();
  });
});

describe("rate limits", () => {
  it("allow SHARE_RATE_LIMIT.limit creations and updates per owner, then answer 429 with Retry-After", async () => {
    const { browser, chatId } = await newBrowser();
    const created = await shareOk(browser, chatId);
    // Use up all but one of this owner's window directly (the route counts the same key).
    for (let used = 1; used < SHARE_RATE_LIMIT.limit - 1; used++) {
      await consumeRateLimit(worker.env.DB, `share:${browser.ownerId}`, SHARE_RATE_LIMIT);
    }
    const last = await shareOk(browser, chatId);
    expect(last.id).toBe(created.id);

    const limited = await share(browser, chatId);
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe("rate_limited");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(SHARE_RATE_LIMIT.windowMs / 1000);

    // The snapshot wasn't refreshed by the refused update.
    expect((await getShare(worker.env.DB, created.id))?.updatedAt).toBe(last.updatedAt);

    // Other owners have their own allowance.
    const other = await newBrowser();
    await shareOk(other.browser, other.chatId);
  });

  it("a stranger probing someone else's chat doesn't use up the owner's allowance", async () => {
    const { browser, chatId } = await newBrowser();
    const stranger = (await newBrowser()).browser;
    for (let i = 0; i < SHARE_RATE_LIMIT.limit + 1; i++) expect((await share(stranger, chatId)).status).toBe(404);
    await shareOk(browser, chatId);
  });
});

describe("consumeRateLimit", () => {
  const window = { limit: 3, windowMs: 60_000 };

  it("counts uses in a fixed window and resets when it has passed", async () => {
    const key = freshId("rl");
    const start = 1_000_000;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(worker.env.DB, key, window, start + i * 1000));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
    // Retry-After counts down to the end of the window that began at `start`.
    expect(results[0]?.retryAfterSeconds).toBe(60);
    expect(results[3]?.retryAfterSeconds).toBe(57);

    // Still inside the window at its last millisecond.
    const lastMoment = await consumeRateLimit(worker.env.DB, key, window, start + window.windowMs - 1);
    expect(lastMoment).toEqual({ allowed: false, retryAfterSeconds: 1 });

    // Once the window has passed, counting starts again from this use.
    const reset = await consumeRateLimit(worker.env.DB, key, window, start + window.windowMs);
    expect(reset).toEqual({ allowed: true, retryAfterSeconds: 60 });
    const next = await consumeRateLimit(worker.env.DB, key, window, start + window.windowMs + 30_000);
    expect(next).toEqual({ allowed: true, retryAfterSeconds: 30 });
  });

  it("keeps separate counts per key", async () => {
    const [a, b] = [freshId("rl-a"), freshId("rl-b")];
    const now = 5_000_000;
    for (let i = 0; i < window.limit; i++) await consumeRateLimit(worker.env.DB, a, window, now);
    expect((await consumeRateLimit(worker.env.DB, a, window, now)).allowed).toBe(false);
    expect((await consumeRateLimit(worker.env.DB, b, window, now)).allowed).toBe(true);
  });
});
