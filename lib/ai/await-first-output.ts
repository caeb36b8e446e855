import type { TextStreamPart, ToolSet } from "ai";

/** Parts that mean the model has started answering (as opposed to bookkeeping parts). */
const OUTPUT_PARTS = new Set<string>([
  "text-start",
  "text-delta",
  "reasoning-start",
  "reasoning-delta",
  "tool-input-start",
  "tool-call",
  // A turn that resumes after an approval starts with the approved call's outcome.
  "tool-approval-response",
  "tool-result",
  "tool-error",
  "tool-output-denied",
  "finish",
]);

export type FirstOutput<TOOLS extends ToolSet> =
  | { ok: true; stream: ReadableStream<TextStreamPart<TOOLS>> }
  | { ok: false; error: unknown };

/**
 * Reads a streamText part stream until the model produces output or fails.
 * A failure before any output (busy, quota, unknown model) can then be answered
 * with a real HTTP status instead of a 200 stream carrying an error; once output
 * has started, the returned stream replays what was read and continues.
 */
export async function awaitFirstOutput<TOOLS extends ToolSet>(
  source: ReadableStream<TextStreamPart<TOOLS>>,
): Promise<FirstOutput<TOOLS>> {
  const reader = source.getReader();
  const buffered: TextStreamPart<TOOLS>[] = [];
  let done = false;

  while (true) {
    const next = await reader.read();
    if (next.done) {
      done = true;
      break;
    }
    const part = next.value;
    if (part.type === "error") {
      await reader.cancel().catch(() => {});
      return { ok: false, error: part.error };
    }
    buffered.push(part);
    if (OUTPUT_PARTS.has(part.type)) break;
  }

  const stream = new ReadableStream<TextStreamPart<TOOLS>>({
    start(controller) {
      for (const part of buffered) controller.enqueue(part);
      if (done) controller.close();
    },
    async pull(controller) {
      if (done) return;
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { ok: true, stream };
}
