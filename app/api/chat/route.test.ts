import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChat, listMessages } from "@/lib/db/queries";
import { readUIChunks, textOf, wordCount } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as postChat } from "./route";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

let counter = 0;
function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** The owner cookie of "this browser": set by the first response, sent on every later request. */
let browserCookie: string | undefined;

function chatRequest(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", ...(browserCookie ? { cookie: browserCookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** POSTs like a browser: keeps the owner cookie the server hands out. */
async function POST(request: Request): Promise<Response> {
  const response = await postChat(request);
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) browserCookie = setCookie.split(";")[0];
  return response;
}

/** POSTs as a different browser (no or another cookie), leaving this browser's cookie alone. */
function postAsStranger(body: unknown, cookie = ""): Promise<Response> {
  return postChat(chatRequest(body, { cookie }));
}

function turn(chatId: string, text: string, extra: Record<string, unknown> = {}) {
  return chatRequest({
    id: chatId,
    message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text }] },
    ...extra,
  });
}

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/json");
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe("POST /api/chat with the offline binding", () => {
  it("streams a reply token by token and saves both messages in D1", async () => {
    const chatId = freshId("chat");
    // Tokens that arrive apart stream as separate deltas (ones that arrive together are merged: lib/ai/coalesce-sse-text.ts).
    const response = await POST(turn(chatId, "Hello there offline:words=30 offline:delay=2"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");

    const chunks = await readUIChunks(response);
    const deltas = chunks.filter((chunk) => chunk.type === "text-delta");
    expect(deltas.length).toBeGreaterThan(5);
    const text = textOf(chunks);
    expect(wordCount(text)).toBe(30);
    expect(text).toContain("not a model");

    await worker.settled();
    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant"]);
    const reply = stored[1];
    expect(reply?.parts.find((part) => part.type === "text")).toMatchObject({ text });
    expect(reply?.metadata).toMatchObject({ offline: true, finishReason: "stop" });
    expect(reply?.metadata?.incomplete).toBeUndefined();

    const chat = await getChat(worker.env.DB, chatId);
    expect(chat?.title).toBe("Hello there");
  });

  it("sends the stored history to the model on the next turn", async () => {
    const chatId = freshId("chat");
    await readUIChunks(await POST(turn(chatId, "first question offline:words=40 offline:delay=0")));
    await worker.settled();
    const second = await readUIChunks(await POST(turn(chatId, "second question offline:words=40 offline:delay=0")));
    await worker.settled();

    expect(textOf(second)).toContain("second question");
    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    // The offline binding counts every input word as a prompt token: the second
    // turn's prompt holds the first question and its 40-word answer too.
    const firstPrompt = stored[1]?.metadata?.usage?.inputTokens ?? 0;
    const secondPrompt = stored[3]?.metadata?.usage?.inputTokens ?? 0;
    expect(secondPrompt).toBeGreaterThanOrEqual(firstPrompt + 40);
  });

  it("keeps chats apart even when the browser reuses a message id", async () => {
    const message = (text: string) => ({ id: "same-id", role: "user", parts: [{ type: "text", text }] });
    const [first, second] = [freshId("chat"), freshId("chat")];
    await readUIChunks(await POST(chatRequest({ id: first, message: message("first chat offline:words=3") })));
    await readUIChunks(await POST(chatRequest({ id: second, message: message("second chat offline:words=3") })));
    await worker.settled();

    const [firstUser] = await listMessages(worker.env.DB, first);
    const [secondUser] = await listMessages(worker.env.DB, second);
    expect(firstUser?.parts).toEqual([{ type: "text", text: "first chat offline:words=3" }]);
    expect(secondUser?.parts).toEqual([{ type: "text", text: "second chat offline:words=3" }]);
  });

  it("runs a tool call round trip: the tool executes and the model answers with its result", async () => {
    const chatId = freshId("chat");
    const response = await POST(
      turn(chatId, 'What time is it? offline:tool=current_time offline:args={"timeZone":"Asia/Tokyo"} offline:delay=0'),
    );
    expect(response.status).toBe(200);
    const chunks = await readUIChunks(response);

    const input = chunks.find((chunk) => chunk.type === "tool-input-available");
    expect(input).toMatchObject({ toolName: "current_time", input: { timeZone: "Asia/Tokyo" } });
    const output = chunks.find((chunk) => chunk.type === "tool-output-available");
    expect(output).toMatchObject({ output: { timeZone: "Asia/Tokyo" } });
    expect(textOf(chunks)).toContain("current_time tool returned");
    expect(textOf(chunks)).toContain("Asia/Tokyo");

    await worker.settled();
    const [, reply] = await listMessages(worker.env.DB, chatId);
    const toolPart = reply?.parts.find((part) => part.type === "tool-current_time");
    expect(toolPart).toMatchObject({ state: "output-available", input: { timeZone: "Asia/Tokyo" } });
  });

  it("reports a failing tool as a tool error, not a crash", async () => {
    const chatId = freshId("chat");
    const chunks = await readUIChunks(
      await POST(turn(chatId, 'offline:tool=current_time offline:args={"timeZone":"Mars/Olympus"} offline:delay=0')),
    );
    const failed = chunks.find((chunk) => chunk.type === "tool-output-error");
    expect(failed).toMatchObject({ errorText: expect.stringContaining("Unknown time zone") });
    await worker.settled();
  });

  it("saves the whole reply even when the browser disconnects mid-stream", async () => {
    const chatId = freshId("chat");
    const response = await POST(turn(chatId, "long one offline:words=400 offline:delay=2"));
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    await reader?.cancel();

    await worker.settled();
    const [, reply] = await listMessages(worker.env.DB, chatId);
    const text = reply?.parts.map((part) => (part.type === "text" ? part.text : "")).join("") ?? "";
    expect(wordCount(text)).toBe(400);
    expect(reply?.metadata?.incomplete).toBeUndefined();
  });
});

describe("ownership", () => {
  it("hands a new browser a signed, HttpOnly, SameSite=Lax owner cookie", async () => {
    const response = await postAsStranger({
      id: freshId("chat"),
      message: { id: "m", role: "user", parts: [{ type: "text", text: "hi offline:words=2" }] },
    });
    await readUIChunks(response);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^wac_owner=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+;/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    await worker.settled();
  });

  it("does not let another browser continue a chat, and answers as if it did not exist", async () => {
    const chatId = freshId("chat");
    await readUIChunks(await POST(turn(chatId, "mine offline:words=3")));
    await worker.settled();

    const intruder = await postAsStranger({
      id: chatId,
      message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text: "let me in" }] },
    });
    expect(intruder.status).toBe(404);
    expect(await errorOf(intruder)).toMatchObject({ code: "not_found" });

    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored).toHaveLength(2);
  });

  it("treats a forged owner cookie as no cookie", async () => {
    const chatId = freshId("chat");
    await readUIChunks(await POST(turn(chatId, "mine offline:words=3")));
    await worker.settled();
    const [ownerId] = (browserCookie ?? "").replace("wac_owner=", "").split(".");
    const forged = await postAsStranger(
      { id: chatId, message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text: "forged" }] } },
      `wac_owner=${ownerId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    );
    expect(forged.status).toBe(404);
    expect(forged.headers.get("set-cookie")).toMatch(/^wac_owner=/);
  });
});

describe("the first-message hint (newChat)", () => {
  it("creates the chat from its first message without reading it first", async () => {
    const chatId = freshId("chat");
    const response = await POST(turn(chatId, "brand new offline:words=12 offline:delay=0", { newChat: true }));
    expect(response.status).toBe(200);
    expect(wordCount(textOf(await readUIChunks(response)))).toBe(12);
    await worker.settled();
    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect((await getChat(worker.env.DB, chatId))?.title).toBe("brand new");
  });

  it("is only a hint: on an existing chat of mine the turn sees the whole history", async () => {
    const chatId = freshId("chat");
    await readUIChunks(await POST(turn(chatId, "first question offline:words=40 offline:delay=0")));
    await worker.settled();
    const second = await POST(turn(chatId, "second question offline:words=40 offline:delay=0", { newChat: true }));
    expect(second.status).toBe(200);
    expect(textOf(await readUIChunks(second))).toContain("second question");
    await worker.settled();

    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    // The model was given the first exchange too (the stand-in counts every input word as a token).
    expect(stored[3]?.metadata?.usage?.inputTokens ?? 0).toBeGreaterThanOrEqual(40);
    expect((await getChat(worker.env.DB, chatId))?.title).toBe("first question");
  });

  it("gets a stranger no further into someone else's chat than without it", async () => {
    const chatId = freshId("chat");
    await readUIChunks(await POST(turn(chatId, "mine offline:words=3")));
    await worker.settled();

    const intruder = await postAsStranger({
      id: chatId,
      newChat: true,
      message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text: "let me in" }] },
    });
    expect(intruder.status).toBe(404);
    expect(await errorOf(intruder)).toMatchObject({ code: "not_found" });
    await worker.settled();
    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored).toHaveLength(2);
    expect((await getChat(worker.env.DB, chatId))?.title).toBe("mine");
  });

  it("accepts only true", async () => {
    const response = await POST(turn(freshId("chat"), "hi", { newChat: "yes" }));
    expect(response.status).toBe(400);
  });
});

describe("upstream failures", () => {
  it("maps Workers AI capacity errors (3040) to 429 with Retry-After, keeping the user's message", async () => {
    const chatId = freshId("chat");
    const response = await POST(turn(chatId, "busy? offline:fail=3040"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await errorOf(response)).toMatchObject({ code: "upstream_busy" });

    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored.map((message) => message.role)).toEqual(["user"]);
  });

  it("reports the daily quota (3036) as used up", async () => {
    const response = await POST(turn(freshId("chat"), "offline:fail=3036"));
    expect(response.status).toBe(429);
    expect(await errorOf(response)).toMatchObject({ code: "quota_exhausted" });
  });

  it("maps an unknown upstream model (5007) to 400", async () => {
    const response = await POST(turn(freshId("chat"), "offline:fail=5007"));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: "model_rejected_request" });
  });

  it("marks a reply whose stream carried an error event as incomplete and tells the client", async () => {
    const chatId = freshId("chat");
    const chunks = await readUIChunks(
      await POST(turn(chatId, "offline:fail=midstream offline:words=40 offline:delay=0")),
    );
    expect(chunks.find((chunk) => chunk.type === "error")).toMatchObject({
      errorText: expect.stringContaining("stopped mid-reply: Internal error"),
    });
    expect(wordCount(textOf(chunks))).toBeLessThan(40);
    await worker.settled();
    const [, reply] = await listMessages(worker.env.DB, chatId);
    expect(reply?.metadata?.incomplete).toBe(true);
  });

  it("marks a truncated stream as incomplete", async () => {
    const chatId = freshId("chat");
    const chunks = await readUIChunks(
      await POST(turn(chatId, "offline:fail=truncate offline:words=40 offline:delay=0")),
    );
    expect(chunks.find((chunk) => chunk.type === "error")).toMatchObject({
      errorText: expect.stringContaining("stopped mid-reply"),
    });
    await worker.settled();
    const [, reply] = await listMessages(worker.env.DB, chatId);
    expect(reply?.metadata).toMatchObject({ incomplete: true, finishReason: "error" });
  });
});

describe("bad input gets a JSON error", () => {
  it("rejects malformed JSON with 400", async () => {
    const response = await POST(chatRequest("{not json"));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: "malformed_json" });
  });

  it("rejects a missing message with 400", async () => {
    const response = await POST(chatRequest({ id: "abc" }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("message"),
    });
  });

  it("rejects an empty message with 400", async () => {
    const response = await POST(turn("abc", "   \n "));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("empty"),
    });
  });

  it("rejects a body that is not JSON with 415", async () => {
    const response = await POST(chatRequest("hello", { "content-type": "text/plain" }));
    expect(response.status).toBe(415);
  });

  it("rejects a body over the size limit with 413", async () => {
    const response = await POST(chatRequest({ id: "abc", padding: "x".repeat(300 * 1024) }));
    expect(response.status).toBe(413);
  });

  it("rejects an unknown model with 400 and says where to find valid ids", async () => {
    const response = await POST(turn(freshId("chat"), "hi", { model: "@cf/nobody/nothing" }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({
      code: "unknown_model",
      message: expect.stringContaining("/api/models"),
    });
  });

  it("rejects ids with characters outside the allowed set", async () => {
    const response = await POST(turn("../etc/passwd", "hi"));
    expect(response.status).toBe(400);
  });
});
