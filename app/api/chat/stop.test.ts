import { afterAll, beforeAll, expect, it } from "vitest";
import { POST as stopChat } from "@/app/api/chats/[id]/stop/route";
import { getChat, listMessages, requestStop } from "@/lib/db/queries";
import { freshId, TestBrowser } from "@/lib/testing/test-browser";
import { readUIChunks, textOf, wordCount } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as postChat } from "./route";

let worker: WorkerTestContext;
let browser: TestBrowser;
beforeAll(async () => {
  worker = await startWorkerContext();
  browser = new TestBrowser(worker);
  await browser.chatTurn(freshId("stop-warmup"), "hi offline:words=2 offline:delay=0");
});
afterAll(async () => {
  await worker.dispose();
});

it("Stop ends generation on the server and saves the partial reply as stopped", async () => {
  const chatId = freshId("stop");
  const response = await postChat(
    browser.jsonRequest("/api/chat", "POST", {
      id: chatId,
      message: {
        id: freshId("m"),
        role: "user",
        parts: [{ type: "text", text: "go offline:words=2000 offline:delay=10" }],
      },
    }),
  );
  expect(response.status).toBe(200);
  const reading = readUIChunks(response);

  const stop = await stopChat(browser.request(`/api/chats/${chatId}/stop`, { method: "POST" }), {
    params: Promise.resolve({ id: chatId }),
  });
  expect(stop.status).toBe(202);

  const streamed = textOf(await reading);
  await worker.settled();
  expect(wordCount(streamed)).toBeLessThan(1000);

  const [, reply] = await listMessages(worker.env.DB, chatId);
  expect(reply?.metadata).toMatchObject({ stopped: true, incomplete: true });

  // Someone else can't stop it.
  const stranger = await stopChat(new Request(`http://localhost/api/chats/${chatId}/stop`, { method: "POST" }), {
    params: Promise.resolve({ id: chatId }),
  });
  expect(stranger.status).toBe(404);
});

it("a Stop that reached another isolate (only recorded in D1) still ends the reply", async () => {
  const chatId = freshId("stop-elsewhere");
  const response = await postChat(
    browser.jsonRequest("/api/chat", "POST", {
      id: chatId,
      message: {
        id: freshId("m"),
        role: "user",
        parts: [{ type: "text", text: "go offline:words=2000 offline:delay=10" }],
      },
    }),
  );
  expect(response.status).toBe(200);
  const reading = readUIChunks(response);

  // What the Stop route does in another isolate: this isolate only learns of it from D1.
  const chat = await getChat(worker.env.DB, chatId);
  expect(await requestStop(worker.env.DB, chatId, chat?.ownerId ?? "")).toBe(true);

  const streamed = textOf(await reading);
  await worker.settled();
  expect(wordCount(streamed)).toBeLessThan(2000);
  const [, reply] = await listMessages(worker.env.DB, chatId);
  expect(reply?.metadata).toMatchObject({ stopped: true, incomplete: true });
});
