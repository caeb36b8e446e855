import { describe, expect, it } from "vitest";
import { yieldingBody } from "./yielding-fetch";

function bytes(length: number, fill = 1): Uint8Array {
  return new Uint8Array(length).fill(fill);
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

/** Reads `stream` to its end, calling `onPiece` for each chunk as it is read. */
async function readAll(stream: ReadableStream<Uint8Array>, onPiece: (piece: Uint8Array) => void): Promise<void> {
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) onPiece(next.value);
}

/** Holds the thread like the SDK's processing of a piece would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe("yieldingBody", () => {
  it("hands on the same bytes in pieces of at most 2 KB", async () => {
    const source = [bytes(5000, 1), bytes(10, 2), bytes(2048, 3)];
    const pieces: Uint8Array[] = [];
    await readAll(yieldingBody(streamOf(source)), (piece) => pieces.push(piece));
    expect(pieces.map((piece) => piece.byteLength)).toEqual([2048, 2048, 904, 10, 2048]);
    const joined = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
    let offset = 0;
    for (const piece of pieces) {
      joined.set(piece, offset);
      offset += piece.byteLength;
    }
    const expected = new Uint8Array(5000 + 10 + 2048);
    expected.set(source[0] as Uint8Array, 0);
    expected.set(source[1] as Uint8Array, 5000);
    expected.set(source[2] as Uint8Array, 5010);
    expect(joined).toEqual(expected);
  });

  it("lets other tasks run while a buffered burst is processed", async () => {
    // Everything is buffered already, so without pauses the read loop runs on microtasks alone.
    const body = yieldingBody(streamOf(Array.from({ length: 20 }, () => bytes(2048))));
    let otherTaskRan = false;
    setTimeout(() => {
      otherTaskRan = true;
    }, 0);
    let piecesBeforeOtherTask = 0;
    await readAll(body, () => {
      busy(3);
      if (!otherTaskRan) piecesBeforeOtherTask++;
    });
    expect(otherTaskRan).toBe(true);
    expect(piecesBeforeOtherTask).toBeLessThan(20);
  });

  it("an unpaced read loop over the same burst starves other tasks (what the pacing is for)", async () => {
    let otherTaskRan = false;
    setTimeout(() => {
      otherTaskRan = true;
    }, 0);
    let piecesBeforeOtherTask = 0;
    await readAll(streamOf(Array.from({ length: 20 }, () => bytes(2048))), () => {
      busy(3);
      if (!otherTaskRan) piecesBeforeOtherTask++;
    });
    expect(piecesBeforeOtherTask).toBe(20);
  });

  it("passes the source's error on, and a cancel back to the source", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("connection reset"));
      },
    });
    await expect(yieldingBody(failing).getReader().read()).rejects.toThrow("connection reset");

    let cancelled: unknown;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes(10));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = yieldingBody(endless).getReader();
    await reader.read();
    await reader.cancel("stopped");
    expect(cancelled).toBe("stopped");
  });
});
