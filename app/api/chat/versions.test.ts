import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMessages } from "@/lib/db/queries";
import { listVersions } from "@/lib/db/versions";
import { errorOf, freshId, TestBrowser } from "@/lib/testing/test-browser";
import { readUIChunks, textOf } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as postChat } from "./route";

/** Regenerating a reply and editing a message keep what they replace as versions. */

let worker: WorkerTestContext;
let browser: TestBrowser;
beforeAll(async () => {
  worker = await startWorkerContext();
  browser = new TestBrowser(worker);
});
afterAll(async () => {
  await worker.dispose();
});

async function send(chatId: string, message: { id: string; text: string }, trigger?: "regenerate") {
  const response = await postChat(
    browser.jsonRequest("/api/chat", "POST", {
      id: chatId,
      message: { id: message.id, role: "user", parts: [{ type: "text", text: message.text }] },
      ...(trigger ? { trigger } : {}),
    }),
  );
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) browser.cookie = setCookie.split(";")[0];
  return response;
}

async function turn(chatId: string, message: { id: string; text: string }, trigger?: "regenerate") {
  const response = await send(chatId, message, trigger);
  expect(response.status).toBe(200);
  const text = textOf(await readUIChunks(response));
  await worker.settled();
  return text;
}

const texts = (messages: { parts: { type: string; text?: string }[] }[]) =>
  messages.map((message) => message.parts.map((part) => (part.type === "text" ? part.text : "")).join(""));

describe("versions", () => {
  it("regenerate answers again and keeps the earlier reply as version 1", async () => {
    const chatId = freshId("regen");
    const question = { id: freshId("q"), text: "First ask offline:words=4 offline:delay=0" };
    const first = await turn(chatId, question);
    const again = await turn(chatId, { ...question, text: "First ask offline:words=7 offline:delay=0" }, "regenerate");

    const live = await listMessages(worker.env.DB, chatId);
    expect(live.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(texts(live)[1]).toBe(again);

    const versions = await listVersions(worker.env.DB, chatId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ parentId: question.id, version: 1 });
    expect(texts(versions[0]?.messages ?? [])).toEqual([first]);

    await turn(chatId, question, "regenerate");
    expect((await listVersions(worker.env.DB, chatId)).map((version) => version.version)).toEqual([1, 2]);
  });

  it("editing a message replaces the branch after it and keeps the old branch as a version", async () => {
    const chatId = freshId("edit");
    const one = { id: freshId("q1"), text: "Question one offline:words=3 offline:delay=0" };
    const two = { id: freshId("q2"), text: "Question two offline:words=3 offline:delay=0" };
    const three = { id: freshId("q3"), text: "Question three offline:words=3 offline:delay=0" };
    await turn(chatId, one);
    await turn(chatId, two);
    await turn(chatId, three);
    const before = await listMessages(worker.env.DB, chatId);
    const oldReplyToOne = before[1]?.id;

    await turn(chatId, { id: two.id, text: "Question two, edited offline:words=3 offline:delay=0" });

    const live = await listMessages(worker.env.DB, chatId);
    expect(live.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(texts(live)[2]).toBe("Question two, edited offline:words=3 offline:delay=0");
    const [version] = await listVersions(worker.env.DB, chatId);
    expect(version?.parentId).toBe(oldReplyToOne);
    expect(texts(version?.messages ?? []).filter((_, index) => index % 2 === 0)).toEqual([two.text, three.text]);
  });

  it("editing the first message keeps the whole old conversation under the chat's start", async () => {
    const chatId = freshId("edit-first");
    const one = { id: freshId("q1"), text: "Opening offline:words=3 offline:delay=0" };
    await turn(chatId, one);
    await turn(chatId, { id: one.id, text: "A better opening offline:words=3 offline:delay=0" });
    const [version] = await listVersions(worker.env.DB, chatId);
    expect(version?.parentId).toBe("");
    expect(version?.messages).toHaveLength(2);
  });

  it("refuses to regenerate a message that isn't there", async () => {
    const chatId = freshId("regen-missing");
    await turn(chatId, { id: freshId("q"), text: "hello offline:words=2 offline:delay=0" });
    const response = await send(chatId, { id: "never-sent", text: "x" }, "regenerate");
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("invalid_request");
  });
});
