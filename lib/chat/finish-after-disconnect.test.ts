import { describe, expect, it } from "vitest";
import { finishAfterDisconnect } from "./finish-after-disconnect";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A source of text chunks that counts how far it has been read. */
function countingSource(chunks: string[], failAt?: number) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === failAt) return controller.error(new Error("upstream broke"));
      const chunk = chunks[pulled];
      pulled += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
  return { stream, pulled: () => Math.min(pulled, chunks.length) };
}

function harness() {
  const kept: Promise<unknown>[] = [];
  return { waitUntil: (promise: Promise<unknown>) => kept.push(promise), settled: () => Promise.all(kept) };
}

const isOutput = (chunk: Uint8Array) => decoder.decode(chunk).includes("token");

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const parts: string[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(decoder.decode(next.value));
  return parts;
}

describe("finishAfterDisconnect", () => {
  it("sends the opening chunks with the first output as one, then the rest in order", async () => {
    const source = countingSource(["start;", "step;", "token 1;", "token 2;", "token 3;", "finish;"]);
    const { waitUntil, settled } = harness();
    const parts = await readAll(finishAfterDisconnect(source.stream, waitUntil, isOutput));
    expect(parts[0]).toBe("start;step;token 1;");
    expect(parts.join("")).toBe("start;step;token 1;token 2;token 3;finish;");
    await settled();
  });

  it("reads the reply to its end when the browser goes away after the first chunk", async () => {
    const chunks = ["start;", "token 1;", ...Array.from({ length: 50 }, (_, index) => `token ${index + 2};`)];
    const source = countingSource(chunks);
    const { waitUntil, settled } = harness();
    const reader = finishAfterDisconnect(source.stream, waitUntil, isOutput).getReader();
    expect(decoder.decode((await reader.read()).value)).toBe("start;token 1;");
    await reader.cancel("browser gone");
    await settled();
    expect(source.pulled()).toBe(chunks.length);
  });

  it("reads the reply to its end when the browser goes away before reading anything", async () => {
    const chunks = ["start;", "token 1;", "token 2;"];
    const source = countingSource(chunks);
    const { waitUntil, settled } = harness();
    await finishAfterDisconnect(source.stream, waitUntil, isOutput).cancel("browser gone");
    await settled();
    expect(source.pulled()).toBe(chunks.length);
  });

  it("passes on a failure of the source and still settles", async () => {
    const source = countingSource(["start;", "token 1;", "token 2;"], 2);
    const { waitUntil, settled } = harness();
    await expect(readAll(finishAfterDisconnect(source.stream, waitUntil, isOutput))).rejects.toThrow("upstream broke");
    await settled();
  });
});
