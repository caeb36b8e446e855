import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SEARCH_CHARS } from "@/lib/chat/chat-history-requests";
import { type ChatSettings, DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import { fallbackTitle } from "@/lib/chat/fallback-title";
import { loadOwnedChat } from "@/lib/chat/load-owned-chat";
import { getChat, listMessages, saveGeneratedTitle } from "@/lib/db/queries";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { GET as getMessages } from "./[id]/messages/route";
import { DELETE, PATCH } from "./[id]/route";
import { GET as getChats } from "./route";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

/** A short, instant offline reply. */
const FAST = "offline:words=3 offline:delay=0";

interface ListedChat {
  id: string;
  title: string;
  model: string;
  updatedAt: number;
  matchedText?: string;
}

interface ChatListBody {
  chats: ListedChat[];
  nextCursor?: string;
}

function listRequest(browser: TestBrowser, params: Record<string, string> = {}): Request {
  return browser.request(`/api/chats?${new URLSearchParams(params)}`);
}

async function listChats(browser: TestBrowser, params: Record<string, string> = {}): Promise<ChatListBody> {
  const response = await getChats(listRequest(browser, params));
  expect(response.status).toBe(200);
  return (await response.json()) as ChatListBody;
}

async function listIds(browser: TestBrowser, params: Record<string, string> = {}): Promise<string[]> {
  return (await listChats(browser, params)).chats.map((chat) => chat.id);
}

const routeContext = (id: string) => ({ params: Promise.resolve({ id }) });

function patchChat(browser: TestBrowser, id: string, body: unknown): Promise<Response> {
  return PATCH(browser.jsonRequest(`/api/chats/${id}`, "PATCH", body), routeContext(id));
}

function remove(browser: TestBrowser, id: string): Promise<Response> {
  return DELETE(browser.request(`/api/chats/${id}`, { method: "DELETE" }), routeContext(id));
}

/** A new browser with its own owner cookie and one chat of its own. */
async function newBrowser(): Promise<TestBrowser> {
  const browser = new TestBrowser(worker);
  await browser.chatTurn(freshId("own"), `a chat of my own ${FAST}`);
  return browser;
}

/** Sets a chat's last-activity time directly, so ordering doesn't depend on the clock. */
async function setUpdatedAt(chatId: string, updatedAt: number): Promise<void> {
  await worker.env.DB.prepare("UPDATE chats SET updated_at = ? WHERE id = ?").bind(updatedAt, chatId).run();
}

describe("GET /api/chats", () => {
  it("lists this browser's chats, most recently active first", async () => {
    const browser = new TestBrowser(worker);
    // Ids that sort in creation order: were updatedAt ever tied, id DESC would still agree.
    const base = freshId("order");
    const [first, second, third] = [`${base}-1`, `${base}-2`, `${base}-3`];
    await browser.chatTurn(first, `Tomatoes in pots ${FAST}`);
    await browser.chatTurn(second, `Bread without yeast ${FAST}`);
    await browser.chatTurn(third, `Fixing a bike chain ${FAST}`);
    expect(await listIds(browser)).toEqual([third, second, first]);

    // Talking in the oldest chat again moves it to the top.
    await browser.chatTurn(first, `And in winter? ${FAST}`);
    const { chats, nextCursor } = await listChats(browser);
    expect(chats.map((chat) => chat.id)).toEqual([first, third, second]);
    expect(nextCursor).toBeUndefined();
    expect(chats[0]).toEqual({
      id: first,
      title: "Tomatoes in pots",
      model: expect.any(String),
      updatedAt: expect.any(Number),
    });
    const times = chats.map((chat) => chat.updatedAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("pages with a cursor: every chat exactly once, in order, and no cursor after the last page", async () => {
    const browser = new TestBrowser(worker);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n += 1) {
      const id = `${freshId("page")}-${n}`;
      await browser.chatTurn(id, `Page test chat ${n} ${FAST}`);
      ids.push(id);
    }
    // Three chats share one time, so pages break inside a tie and the id has to decide.
    const times = [1_000, 2_000, 2_000, 2_000, 3_000];
    for (const [index, id] of ids.entries()) await setUpdatedAt(id, times[index] ?? 0);
    const expected = [ids[4], ids[3], ids[2], ids[1], ids[0]];

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listChats(browser, { limit: "2", ...(cursor ? { cursor } : {}) });
      pages.push(page.chats.map((chat) => chat.id));
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThanOrEqual(5);
    } while (cursor);

    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(expected);
  });

  it("gives no cursor when the last page is exactly full", async () => {
    const browser = new TestBrowser(worker);
    await browser.chatTurn(freshId("full"), `one ${FAST}`);
    await browser.chatTurn(freshId("full"), `two ${FAST}`);
    const page = await listChats(browser, { limit: "2" });
    expect(page.chats).toHaveLength(2);
    expect(page.nextCursor).toBeUndefined();
  });

  it("shows another browser none of this browser's chats", async () => {
    const browser = new TestBrowser(worker);
    const mine = freshId("private");
    await browser.chatTurn(mine, `Private musings about kumquats ${FAST}`);
    expect(await listIds(browser)).toEqual([mine]);

    const stranger = await newBrowser();
    const theirs = await listIds(stranger);
    expect(theirs).toHaveLength(1);
    expect(theirs).not.toContain(mine);
    expect(await listIds(stranger, { q: "kumquats" })).toEqual([]);

    const noCookie = await getChats(new Request("http://localhost/api/chats"));
    expect(noCookie.status).toBe(200);
    expect(await noCookie.json()).toEqual({ chats: [] });
    // A forged signature counts as no cookie at all.
    const forged = new TestBrowser(worker);
    forged.cookie = `wac_owner=${browser.ownerId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    expect(await listChats(forged)).toEqual({ chats: [] });
  });

  it("answers a bad cursor or limit with a 400 JSON error", async () => {
    const browser = await newBrowser();
    const bad: Record<string, string>[] = [
      { cursor: "not-a-cursor" },
      { cursor: "!!!" },
      // Valid base64url, but not "<updatedAt>:<id>".
      { cursor: btoa("hello world").replace(/=+$/, "") },
      { limit: "0" },
      { limit: "-1" },
      { limit: "2.5" },
      { limit: "lots" },
      { limit: "101" },
      { q: "x".repeat(201) },
    ];
    for (const params of bad) {
      const response = await getChats(listRequest(browser, params));
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: "invalid_request", message: expect.any(String) });
    }
  });
});

describe("searching chats", () => {
  let browser: TestBrowser;
  const chat = {
    renamed: freshId("search"),
    quokka: freshId("search"),
    percent: freshId("search"),
    percentDecoy: freshId("search"),
    underscore: freshId("search"),
    underscoreDecoy: freshId("search"),
    backslash: freshId("search"),
  };

  beforeAll(async () => {
    browser = new TestBrowser(worker);
    await browser.chatTurn(chat.renamed, `Something forgettable ${FAST}`);
    expect((await patchChat(browser, chat.renamed, { title: "Zanzibar Travel Budget" })).status).toBe(200);
    await browser.chatTurn(chat.quokka, `Animals of Australia ${FAST}`);
    await browser.chatTurn(chat.quokka, `Tell me more about the Quokka please ${FAST}`);
    await browser.chatTurn(chat.percent, `Am I 100% sure about this ${FAST}`);
    await browser.chatTurn(chat.percentDecoy, `Am I 100 percent sure about this ${FAST}`);
    await browser.chatTurn(chat.underscore, `Rename to snake_case please ${FAST}`);
    await browser.chatTurn(chat.underscoreDecoy, `Rename to snakeXcase please ${FAST}`);
    await browser.chatTurn(chat.backslash, `Files live in C:\\temp now ${FAST}`);
  });

  it("finds a chat by its title, ignoring ASCII case", async () => {
    const { chats } = await listChats(browser, { q: "zanzibar TRAVEL" });
    expect(chats).toEqual([
      { id: chat.renamed, title: "Zanzibar Travel Budget", model: expect.any(String), updatedAt: expect.any(Number) },
    ]);
  });

  it("finds a chat by the text of a later message and says which text matched", async () => {
    const { chats } = await listChats(browser, { q: "QUOKKA" });
    expect(chats).toHaveLength(1);
    expect(chats[0]).toMatchObject({ id: chat.quokka, title: "Animals of Australia" });
    expect(chats[0]?.matchedText).toContain("Tell me more about the Quokka please");
  });

  it("sends no matchedText when the title itself matched", async () => {
    // The first message matches too (the title was made from it), but the title says enough.
    const { chats } = await listChats(browser, { q: "australia" });
    expect(chats).toEqual([
      { id: chat.quokka, title: "Animals of Australia", model: expect.any(String), updatedAt: expect.any(Number) },
    ]);
  });

  it("treats % literally", async () => {
    expect(await listIds(browser, { q: "100%" })).toEqual([chat.percent]);
    expect(await listIds(browser, { q: "%" })).toEqual([chat.percent]);
  });

  it("treats _ literally", async () => {
    expect(await listIds(browser, { q: "snake_case" })).toEqual([chat.underscore]);
  });

  it("treats \\ literally", async () => {
    expect(await listIds(browser, { q: "C:\\temp" })).toEqual([chat.backslash]);
  });

  it("ignores surrounding spaces and lists everything for an empty search", async () => {
    expect(await listIds(browser, { q: "  snake_case  " })).toEqual([chat.underscore]);
    expect(await listIds(browser, { q: "   " })).toHaveLength(Object.keys(chat).length);
  });

  // Found by the fuzzer: D1 refuses long LIKE patterns, so a long search was a 500.
  it("answers a search of the maximum length, found or not", async () => {
    expect(await listChats(browser, { q: "x".repeat(MAX_SEARCH_CHARS) })).toEqual({ chats: [] });
    const long = `Tell me more about the Quokka please${" ".repeat(2)}`.padEnd(MAX_SEARCH_CHARS, "%_\\");
    expect(await listChats(browser, { q: long })).toEqual({ chats: [] });
    expect(await listIds(browser, { q: "Tell me more about the Quokka please" })).toEqual([chat.quokka]);
  });

  it("finds nothing for text no chat contains", async () => {
    expect(await listChats(browser, { q: "xylophone-quartz" })).toEqual({ chats: [] });
  });

  it("pages search results with the cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listChats(browser, { q: "rename to snake", limit: "1", ...(cursor ? { cursor } : {}) });
      seen.push(...page.chats.map((found) => found.id));
      cursor = page.nextCursor;
      expect(seen.length).toBeLessThanOrEqual(2);
    } while (cursor);
    expect(seen.sort()).toEqual([chat.underscore, chat.underscoreDecoy].sort());
  });
});

describe("PATCH /api/chats/[id]", () => {
  it("renames a chat: trimmed, and the list shows the new title", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("rename");
    await browser.chatTurn(id, `Vegetable garden layout ${FAST}`);

    const response = await patchChat(browser, id, { title: "  Garden \n  plans  " });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ chat: { id, title: "Garden plans" } });
    expect((await listChats(browser)).chats).toMatchObject([{ id, title: "Garden plans" }]);
    expect(await getChat(worker.env.DB, id)).toMatchObject({ title: "Garden plans", titleSource: "user" });
  });

  it("answers a stranger, a cookieless browser and an unknown id with 404, leaving the title alone", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("rename");
    await browser.chatTurn(id, `Mine to name ${FAST}`);

    const stranger = await newBrowser();
    const cookieless = new TestBrowser(worker);
    for (const who of [stranger, cookieless]) {
      const response = await patchChat(who, id, { title: "Taken over" });
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "not_found" });
    }
    const unknown = await patchChat(browser, freshId("nothing"), { title: "Anything" });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({ code: "not_found" });

    expect(await getChat(worker.env.DB, id)).toMatchObject({ title: "Mine to name", titleSource: "fallback" });
  });

  it("rejects an empty, blank, too long or missing title with 400", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("rename");
    await browser.chatTurn(id, `Keep this title ${FAST}`);

    for (const body of [{ title: "" }, { title: " \n\t " }, { title: "x".repeat(101) }, {}, { title: 42 }]) {
      const response = await patchChat(browser, id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: "invalid_request" });
    }
    expect((await getChat(worker.env.DB, id))?.title).toBe("Keep this title");

    // The limit itself is fine.
    expect((await patchChat(browser, id, { title: "y".repeat(100) })).status).toBe(200);
  });

  it("rejects an id with characters outside the allowed set", async () => {
    const browser = await newBrowser();
    expect((await patchChat(browser, "../etc", { title: "nope" })).status).toBe(400);
  });

  it("keeps a user's rename when a generated title arrives later", async () => {
    const browser = new TestBrowser(worker);
    const [renamed, untouched] = [freshId("titled"), freshId("titled")];
    await browser.chatTurn(renamed, `Questions about tax ${FAST}`);
    await browser.chatTurn(untouched, `Questions about rent ${FAST}`);
    expect((await patchChat(browser, renamed, { title: "My taxes" })).status).toBe(200);

    expect(await saveGeneratedTitle(worker.env.DB, renamed, "Tax Questions")).toBe(false);
    expect(await getChat(worker.env.DB, renamed)).toMatchObject({ title: "My taxes", titleSource: "user" });

    // A chat still on its fallback title does take the generated one.
    expect(await saveGeneratedTitle(worker.env.DB, untouched, "Rent Questions")).toBe(true);
    expect(await getChat(worker.env.DB, untouched)).toMatchObject({
      title: "Rent Questions",
      titleSource: "generated",
    });
    expect((await listChats(browser)).chats.map((chat) => chat.title)).toEqual(["Rent Questions", "My taxes"]);
  });
});

describe("PATCH /api/chats/[id] with a model or settings", () => {
  const GPT_OSS = "@cf/openai/gpt-oss-120b";
  const settings: ChatSettings = {
    systemPrompt: "Answer in haiku.",
    temperature: 0.7,
    maxOutputTokens: 512,
    reasoningEffort: "medium",
    alwaysAllowTools: [],
  };

  it("switches a chat's model and answers with the whole chat, default settings included", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("model");
    await browser.chatTurn(id, `Which model am I ${FAST}`);

    const response = await patchChat(browser, id, { model: GPT_OSS });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      chat: {
        id,
        title: "Which model am I",
        model: GPT_OSS,
        updatedAt: expect.any(Number),
        settings: DEFAULT_CHAT_SETTINGS,
      },
    });
    expect(await getChat(worker.env.DB, id)).toMatchObject({ model: GPT_OSS, titleSource: "fallback" });
  });

  it("rejects a model the catalog doesn't offer with a 400 that points at /api/models", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("model");
    await browser.chatTurn(id, `Keep my model ${FAST}`);
    const before = (await getChat(worker.env.DB, id))?.model;

    const response = await patchChat(browser, id, { model: "@cf/nobody/nothing", title: "Not applied" });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "unknown_model",
      message: expect.stringContaining("GET /api/models"),
    });
    expect(await getChat(worker.env.DB, id)).toMatchObject({ model: before, title: "Keep my model" });
  });

  it("answers a stranger with 404 and leaves the model and settings alone", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("model");
    await browser.chatTurn(id, `Not your model ${FAST}`);
    const before = await getChat(worker.env.DB, id);
    const stranger = await newBrowser();
    for (const body of [{ model: GPT_OSS }, { settings }]) {
      const response = await patchChat(stranger, id, body);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "not_found" });
    }
    expect(await getChat(worker.env.DB, id)).toEqual(before);
  });

  it("stores settings; the response and the chat page's loader both show them", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("settings");
    await browser.chatTurn(id, `Tune this chat ${FAST}`);

    const response = await patchChat(browser, id, { settings, title: "Tuned" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ chat: { id, title: "Tuned", settings } });
    expect((await loadOwnedChat(worker.env.DB, id, browser.ownerId))?.settings).toEqual(settings);
    expect(await getChat(worker.env.DB, id)).toMatchObject({ settings, titleSource: "user" });

    // Back to the defaults, the way a "reset" button would.
    const reset = await patchChat(browser, id, { settings: DEFAULT_CHAT_SETTINGS });
    expect(await reset.json()).toMatchObject({ chat: { settings: DEFAULT_CHAT_SETTINGS } });
  });

  it("rejects settings out of range, incomplete or of the wrong type with 400, keeping the old ones", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("settings");
    await browser.chatTurn(id, `Strict settings ${FAST}`);
    expect((await patchChat(browser, id, { settings })).status).toBe(200);

    const bad: [unknown, string][] = [
      [{ ...settings, temperature: 3 }, "temperature"],
      [{ ...settings, temperature: -0.1 }, "temperature"],
      [{ ...settings, maxOutputTokens: 10 }, "maxOutputTokens"],
      [{ ...settings, maxOutputTokens: 40_000 }, "maxOutputTokens"],
      [{ ...settings, maxOutputTokens: 100.5 }, "maxOutputTokens"],
      [{ ...settings, systemPrompt: "x".repeat(4001) }, "systemPrompt"],
      [{ ...settings, reasoningEffort: "max" }, "reasoningEffort"],
      [{ ...settings, temperature: "0.5" }, "temperature"],
      [{ temperature: 0.5 }, "systemPrompt"],
      [null, "settings"],
    ];
    for (const [value, field] of bad) {
      const response = await patchChat(browser, id, { settings: value });
      expect(response.status, field).toBe(400);
      expect(await errorOf(response)).toMatchObject({
        code: "invalid_request",
        message: expect.stringContaining(field),
      });
    }
    expect((await getChat(worker.env.DB, id))?.settings).toEqual(settings);

    // The limits themselves are fine.
    const edges: ChatSettings = {
      systemPrompt: "y".repeat(4000),
      temperature: 2,
      maxOutputTokens: 8192,
      reasoningEffort: null,
      alwaysAllowTools: [],
    };
    expect((await patchChat(browser, id, { settings: edges })).status).toBe(200);
    const low: ChatSettings = { ...edges, temperature: 0, maxOutputTokens: 64 };
    expect((await patchChat(browser, id, { settings: low })).status).toBe(200);
  });

  it("asks for at least one change", async () => {
    const browser = await newBrowser();
    const response = await patchChat(browser, freshId("nothing"), {});
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("at least one of title, model or settings"),
    });
  });
});

describe("DELETE /api/chats/[id]", () => {
  it("deletes a chat and its messages", async () => {
    const browser = new TestBrowser(worker);
    const [doomed, kept] = [freshId("delete"), freshId("delete")];
    await browser.chatTurn(doomed, `Delete me ${FAST}`);
    await browser.chatTurn(doomed, `Really ${FAST}`);
    await browser.chatTurn(kept, `Keep me ${FAST}`);
    expect(await listMessages(worker.env.DB, doomed)).toHaveLength(4);

    const response = await remove(browser, doomed);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");

    const messages = await getMessages(browser.request(`/api/chats/${doomed}/messages`), routeContext(doomed));
    expect(messages.status).toBe(404);
    expect(await errorOf(messages)).toMatchObject({ code: "not_found" });
    expect(await listIds(browser)).toEqual([kept]);
    expect(await getChat(worker.env.DB, doomed)).toBeNull();
    expect(await listMessages(worker.env.DB, doomed)).toEqual([]);
    expect(await listMessages(worker.env.DB, kept)).toHaveLength(2);

    // Gone is gone.
    expect((await remove(browser, doomed)).status).toBe(404);
  });

  it("answers a stranger and a cookieless browser with 404 and keeps the chat", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("delete");
    await browser.chatTurn(id, `Not yours to delete ${FAST}`);

    for (const who of [await newBrowser(), new TestBrowser(worker)]) {
      const response = await remove(who, id);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code: "not_found" });
    }
    expect(await listIds(browser)).toEqual([id]);
    expect(await getChat(worker.env.DB, id)).not.toBeNull();
    expect(await listMessages(worker.env.DB, id)).toHaveLength(2);
  });
});

describe("the first turn names the chat", () => {
  it("sends the title as a transient data-title chunk before finish, and the list shows it", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("title");
    const text = `Plan a   vegetable garden ${FAST}`;
    const chunks = await browser.chatTurn(id, text);

    const titleIndex = chunks.findIndex((chunk) => chunk.type === "data-title");
    expect(titleIndex).toBeGreaterThanOrEqual(0);
    expect(chunks[titleIndex]).toEqual({
      type: "data-title",
      data: { chatId: id, title: fallbackTitle(text) },
      transient: true,
    });
    expect(fallbackTitle(text)).toBe("Plan a vegetable garden");
    expect(titleIndex).toBeLessThan(chunks.findIndex((chunk) => chunk.type === "finish"));
    expect(chunks.filter((chunk) => chunk.type === "data-title")).toHaveLength(1);

    expect((await listChats(browser)).chats).toMatchObject([{ id, title: "Plan a vegetable garden" }]);
    // Transient: not saved with the reply.
    const [, reply] = await listMessages(worker.env.DB, id);
    expect(reply?.parts.some((part) => part.type === "data-title")).toBe(false);
  });

  it("sends no title on later turns", async () => {
    const browser = new TestBrowser(worker);
    const id = freshId("title");
    await browser.chatTurn(id, `First turn ${FAST}`);
    const later = await browser.chatTurn(id, `Second turn ${FAST}`);
    expect(later.some((chunk) => chunk.type === "finish")).toBe(true);
    expect(later.some((chunk) => chunk.type === "data-title")).toBe(false);
  });
});
