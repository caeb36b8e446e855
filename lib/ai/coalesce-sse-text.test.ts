import { describe, expect, it } from "vitest";
import { coalesceSseText, MAX_MERGED_EVENTS } from "./coalesce-sse-text";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function sse(...events: string[]): string {
  return events.map((event) => `data: ${event}\n\n`).join("");
}

/** Feeds the chunks in, each after a turn of the event loop when `apart`, and returns what came out. */
async function run(chunks: string[], { apart = false } = {}): Promise<string[]> {
  const source = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const chunk of chunks) {
        if (apart) await new Promise((resolve) => setTimeout(resolve, 5));
        controller.enqueue(encoder.encode(chunk));
      }
      controller.close();
    },
  });
  const out: string[] = [];
  const reader = coalesceSseText(source).getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) out.push(decoder.decode(next.value));
  return out;
}

const text = (piece: string) => JSON.stringify({ response: piece });

describe("coalesceSseText", () => {
  it("sends the first token at once and merges the text that arrives together after it", async () => {
    const out = await run([sse(text("A"), text(" b"), text(" c"), text(" d")), sse("[DONE]")]);
    expect(out).toEqual([sse(text("A")), sse(text(" b c d")), sse("[DONE]")]);
  });

  it("merges at most MAX_MERGED_EVENTS text events into one", async () => {
    const pieces = Array.from({ length: MAX_MERGED_EVENTS * 2 + 1 }, (_, i) => ` w${i}`);
    const out = await run([sse(text("A"), ...pieces.map(text))]);
    expect(out).toEqual([
      sse(text("A")),
      sse(text(pieces.slice(0, MAX_MERGED_EVENTS).join(""))),
      sse(text(pieces.slice(MAX_MERGED_EVENTS, MAX_MERGED_EVENTS * 2).join(""))),
      sse(text(pieces.slice(MAX_MERGED_EVENTS * 2).join(""))),
    ]);
  });

  it("keeps tokens that arrive apart as separate events", async () => {
    const out = await run([sse(text("A")), sse(text(" b")), sse(text(" c"))], { apart: true });
    expect(out).toEqual([sse(text("A")), sse(text(" b")), sse(text(" c"))]);
  });

  it("sends held text before any other event, so tool calls, usage and errors keep their place", async () => {
    const usage = JSON.stringify({ response: "", usage: { prompt_tokens: 3 }, finish_reason: "stop" });
    const error = JSON.stringify({ error: "Internal error" });
    const out = await run([sse(text("A"), text(" b"), text(" c"), error, text(" d"), usage, "[DONE]")]);
    expect(out.join("")).toBe(sse(text("A"), text(" b c"), error, text(" d"), usage, "[DONE]"));
  });

  it("joins events split across chunks and passes a cut-off tail through unchanged", async () => {
    const whole = sse(text("A"), text(" bee"));
    const out = await run([whole.slice(0, 20), whole.slice(20), 'data: {"respo']);
    expect(out.join("")).toBe(`${sse(text("A"), text(" bee"))}data: {"respo`);
  });

  // Found by CI (app/api/chat/stop.test.ts): the held text's timer fired after a Stop and threw in a timer.
  it("drops held text quietly when the reader has gone", async () => {
    const thrown: unknown[] = [];
    const onUncaught = (error: unknown) => thrown.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      const source = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(sse(text("A"), text(" b"), text(" c"))));
        },
      });
      const reader = coalesceSseText(source).getReader();
      expect(decoder.decode((await reader.read()).value)).toBe(sse(text("A")));
      await reader.cancel("stopped");
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(thrown).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
