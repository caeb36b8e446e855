import { describe, expect, it } from "vitest";
import { type ChatChunk, replyBody } from "./reply-body";

const decoder = new TextDecoder();

const start: ChatChunk = { type: "start", messageId: "msg-1" };
const step: ChatChunk = { type: "start-step" };
const textStart: ChatChunk = { type: "text-start", id: "t" };
const token = (n: number): ChatChunk => ({ type: "text-delta", id: "t", delta: `token ${n};` });
const textEnd: ChatChunk = { type: "text-end", id: "t" };
const finish: ChatChunk = { type: "finish", finishReason: "stop" };

/** A source of UI chunks that counts how far it has been read. */
function countingSource(chunks: ChatChunk[], failAt?: number) {
  let pulled = 0;
  const stream = new ReadableStream<ChatChunk>({
    pull(controller) {
      if (pulled === failAt) return controller.error(new Error("upstream broke"));
      const chunk = chunks[pulled];
      pulled += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => Math.min(pulled, chunks.length) };
}

function harness() {
  const kept: Promise<unknown>[] = [];
  return { waitUntil: (promise: Promise<unknown>) => kept.push(promise), settled: () => Promise.all(kept) };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const parts: string[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(decoder.decode(next.value));
  return parts;
}

/** The JSON events of a server-sent event stream, and whether it ended with [DONE]. */
function eventsOf(text: string): { events: ChatChunk[]; done: boolean } {
  const payloads = text
    .split("\n\n")
    .filter(Boolean)
    .map((event) => event.replace(/^data: /, ""));
  const done = payloads.at(-1) === "[DONE]";
  return { events: (done ? payloads.slice(0, -1) : payloads).map((payload) => JSON.parse(payload)), done };
}

describe("replyBody", () => {
  it("sends the opening chunks with the first output as one write, then the rest in order, then [DONE]", async () => {
    const chunks = [start, step, textStart, token(1), token(2), token(3), textEnd, finish];
    const { waitUntil, settled } = harness();
    const parts = await readAll(replyBody(countingSource(chunks).stream, { waitUntil }));
    expect(eventsOf(parts[0] ?? "").events).toEqual([start, step, textStart, token(1)]);
    const whole = eventsOf(parts.join(""));
    expect(whole.events).toEqual(chunks);
    expect(whole.done).toBe(true);
    expect(parts.join("")).toMatch(/^data: \{"type":"start"/);
    await settled();
  });

  it("puts a new chat's title just before the finish chunk", async () => {
    const { waitUntil, settled } = harness();
    const title = { chatId: "chat-1", ready: Promise.resolve("A good name") };
    const body = replyBody(countingSource([start, textStart, token(1), textEnd, finish]).stream, { waitUntil, title });
    const { events } = eventsOf((await readAll(body)).join(""));
    expect(events.map((event) => event.type)).toEqual([
      "start",
      "text-start",
      "text-delta",
      "text-end",
      "data-title",
      "finish",
    ]);
    expect(events[4]).toEqual({
      type: "data-title",
      data: { chatId: "chat-1", title: "A good name" },
      transient: true,
    });
    await settled();
  });

  it("still names the chat when the reply ends without a finish chunk", async () => {
    const { waitUntil, settled } = harness();
    const title = { chatId: "chat-1", ready: Promise.resolve("Named anyway") };
    const error: ChatChunk = { type: "error", errorText: "Workers AI stopped mid-reply." };
    const body = replyBody(countingSource([start, textStart, token(1), error]).stream, { waitUntil, title });
    const { events, done } = eventsOf((await readAll(body)).join(""));
    expect(events.map((event) => event.type)).toEqual(["start", "text-start", "text-delta", "error", "data-title"]);
    expect(done).toBe(true);
    await settled();
  });

  it("leaves the title out when it fails, and sends the rest", async () => {
    const { waitUntil, settled } = harness();
    const title = { chatId: "chat-1", ready: Promise.reject(new Error("no title")) };
    const body = replyBody(countingSource([start, token(1), finish]).stream, { waitUntil, title });
    const { events } = eventsOf((await readAll(body)).join(""));
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "finish"]);
    await settled();
  });

  it("reads the reply to its end when the browser goes away after the first chunk", async () => {
    const chunks = [start, token(1), ...Array.from({ length: 50 }, (_, index) => token(index + 2)), finish];
    const source = countingSource(chunks);
    const { waitUntil, settled } = harness();
    const title = { chatId: "chat-1", ready: new Promise<string>(() => {}) };
    const reader = replyBody(source.stream, { waitUntil, title }).getReader();
    expect(eventsOf(decoder.decode((await reader.read()).value)).events).toEqual([start, token(1)]);
    await reader.cancel("browser gone");
    // Settles without waiting for a title nobody is there to receive.
    await settled();
    expect(source.pulled()).toBe(chunks.length);
  });

  it("reads the reply to its end when the browser goes away before reading anything", async () => {
    const chunks = [start, token(1), token(2), finish];
    const source = countingSource(chunks);
    const { waitUntil, settled } = harness();
    await replyBody(source.stream, { waitUntil }).cancel("browser gone");
    await settled();
    expect(source.pulled()).toBe(chunks.length);
  });

  it("passes on a failure of the source and still settles", async () => {
    const source = countingSource([start, token(1), token(2)], 2);
    const { waitUntil, settled } = harness();
    await expect(readAll(replyBody(source.stream, { waitUntil }))).rejects.toThrow("upstream broke");
    await settled();
  });
});
