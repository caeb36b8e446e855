import type { UIMessageChunk } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHAT_SETTINGS } from "@/lib/chat/chat-settings";
import { listMessages } from "@/lib/db/queries";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { readUIChunks, textOf } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as postChat } from "./route";

/**
 * Human in the loop, through the real provider path: the offline binding asks
 * for generate_image, the route stops for approval, and only the browser's
 * answer to that exact call (checked against D1) lets it run.
 */

let worker: WorkerTestContext;
let browser: TestBrowser;
beforeAll(async () => {
  worker = await startWorkerContext();
  browser = new TestBrowser(worker);
});
afterAll(async () => {
  await worker.dispose();
});

const IMAGE_CALL = 'offline:tool=generate_image offline:args={"prompt":"a red lighthouse at dusk"} offline:delay=0';

function chunkOfType<T extends UIMessageChunk["type"]>(chunks: UIMessageChunk[], type: T) {
  return chunks.find((chunk): chunk is Extract<UIMessageChunk, { type: T }> => chunk.type === type);
}

/** Starts a chat whose reply waits for approval of an image; returns the approval id. */
async function chatAwaitingApproval(chatId: string): Promise<string> {
  const chunks = await browser.chatTurn(chatId, `Draw it ${IMAGE_CALL}`);
  const request = chunkOfType(chunks, "tool-approval-request");
  if (!request) throw new Error(`no approval request in ${JSON.stringify(chunks.map((c) => c.type))}`);
  return request.approvalId;
}

async function answer(chatId: string, approvals: unknown, asBrowser: TestBrowser = browser): Promise<Response> {
  return postChat(asBrowser.jsonRequest("/api/chat", "POST", { id: chatId, approvals }));
}

async function imagesOf(chatId: string): Promise<string[]> {
  const listed = await worker.env.FILES.list({ prefix: `images/${chatId}/` });
  return listed.objects.map((object) => object.key);
}

async function storedToolPart(chatId: string) {
  const messages = await listMessages(worker.env.DB, chatId);
  const reply = messages.at(-1);
  return reply?.parts.find((part) => part.type === "tool-generate_image");
}

describe("tools that need approval", () => {
  it("stop and wait: the reply asks, nothing runs, and the request is stored", async () => {
    const chatId = freshId("approve-wait");
    await chatAwaitingApproval(chatId);
    expect(await storedToolPart(chatId)).toMatchObject({ state: "approval-requested" });
    expect(await imagesOf(chatId)).toEqual([]);
  });

  it("run once approved: the image is made, stored in R2 and the model answers with it", async () => {
    const chatId = freshId("approve-yes");
    const approvalId = await chatAwaitingApproval(chatId);

    const response = await answer(chatId, [{ id: approvalId, approved: true }]);
    expect(response.status).toBe(200);
    const chunks = await readUIChunks(response);
    await worker.settled();

    const output = chunkOfType(chunks, "tool-output-available");
    expect(output?.output).toMatchObject({ url: expect.stringMatching(`^/api/files/images/${chatId}/`) });
    expect(textOf(chunks)).toContain("generate_image tool returned");
    expect(await imagesOf(chatId)).toHaveLength(1);

    // The same reply was continued and saved once, with the call done.
    const messages = await listMessages(worker.env.DB, chatId);
    expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(await storedToolPart(chatId)).toMatchObject({ state: "output-available" });
  });

  it("do not run when denied, and tell the model so", async () => {
    const chatId = freshId("approve-no");
    const approvalId = await chatAwaitingApproval(chatId);

    const chunks = await readUIChunks(await answer(chatId, [{ id: approvalId, approved: false, reason: "Not now" }]));
    await worker.settled();

    expect(chunkOfType(chunks, "tool-output-denied")).toBeDefined();
    expect(chunkOfType(chunks, "tool-output-available")).toBeUndefined();
    expect(await imagesOf(chatId)).toEqual([]);
    expect(await storedToolPart(chatId)).toMatchObject({ state: "output-denied" });
  });

  it("reject a forged approval for a call that isn't waiting, and run nothing", async () => {
    const chatId = freshId("approve-forged");
    const realId = await chatAwaitingApproval(chatId);
    const otherChat = freshId("approve-other");
    const otherId = await chatAwaitingApproval(otherChat);

    for (const approvals of [
      [{ id: "made-up-approval", approved: true }],
      // A real approval id, but from another chat.
      [{ id: otherId, approved: true }],
      // The real one plus a forged one: all or nothing.
      [
        { id: realId, approved: true },
        { id: "made-up-approval", approved: true },
      ],
      [
        { id: realId, approved: true },
        { id: realId, approved: false },
      ],
    ]) {
      const response = await answer(chatId, approvals);
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("invalid_approval");
    }
    expect(await imagesOf(chatId)).toEqual([]);
    expect(await storedToolPart(chatId)).toMatchObject({ state: "approval-requested" });

    // An approval can't be replayed once the call has run.
    await readUIChunks(await answer(chatId, [{ id: realId, approved: true }]));
    await worker.settled();
    const replay = await answer(chatId, [{ id: realId, approved: true }]);
    expect(replay.status).toBe(400);
    expect(await imagesOf(chatId)).toHaveLength(1);
  });

  it("answer another browser's approval with 404, as if the chat did not exist", async () => {
    const chatId = freshId("approve-stranger");
    const approvalId = await chatAwaitingApproval(chatId);
    const stranger = new TestBrowser(worker);
    await stranger.chatTurn(freshId("stranger-own"), "hello offline:words=2 offline:delay=0");

    const response = await answer(chatId, [{ id: approvalId, approved: true }], stranger);
    expect(response.status).toBe(404);
    expect(await imagesOf(chatId)).toEqual([]);
  });

  it("reject a request with both a message and approvals, or neither", async () => {
    const chatId = freshId("approve-shape");
    for (const body of [
      { id: chatId },
      {
        id: chatId,
        approvals: [{ id: "a", approved: true }],
        message: { id: "m", role: "user", parts: [{ type: "text", text: "hi" }] },
      },
    ]) {
      const response = await postChat(browser.jsonRequest("/api/chat", "POST", body));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("invalid_request");
    }
  });

  it("run without asking when the chat always allows the tool", async () => {
    const chatId = freshId("approve-always");
    const chunks = await browser.chatTurn(chatId, `Draw it ${IMAGE_CALL}`, {
      settings: { ...DEFAULT_CHAT_SETTINGS, alwaysAllowTools: ["generate_image"] },
    });
    expect(chunkOfType(chunks, "tool-approval-request")).toBeUndefined();
    expect(chunkOfType(chunks, "tool-output-available")).toBeDefined();
    expect(await imagesOf(chatId)).toHaveLength(1);
  });
});

describe("the other tools through the real provider path", () => {
  it("the calculator runs without approval and its result reaches the model", async () => {
    const chunks = await browser.chatTurn(
      freshId("calc"),
      'offline:tool=calculator offline:args={"expression":"12% of 340"} offline:delay=0',
    );
    expect(chunkOfType(chunks, "tool-approval-request")).toBeUndefined();
    expect(chunkOfType(chunks, "tool-output-available")?.output).toMatchObject({ result: "40.8", value: 40.8 });
    expect(textOf(chunks)).toContain("calculator tool returned");
  });

  it("a web fetch waits for approval and, approved, still refuses a private address", async () => {
    const chatId = freshId("fetch-private");
    const chunks = await browser.chatTurn(
      chatId,
      'offline:tool=fetch_web_page offline:args={"url":"http://127.0.0.1:9/secret"} offline:delay=0',
    );
    const request = chunkOfType(chunks, "tool-approval-request");
    expect(request).toBeDefined();

    const answered = await readUIChunks(await answer(chatId, [{ id: request?.approvalId, approved: true }]));
    await worker.settled();
    const failure = chunkOfType(answered, "tool-output-error");
    expect(failure?.errorText).toMatch(/private|loopback|not allowed/i);
  });
});
