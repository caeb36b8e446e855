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

/** Sees every part on its way out and passes on what should go on (itself, others too, or nothing). */
export type PartTransform<TOOLS extends ToolSet> = (
  part: TextStreamPart<TOOLS>,
  enqueue: (part: TextStreamPart<TOOLS>) => void,
) => void;

/**
 * Reads a streamText part stream until the model produces output or fails.
 * A failure before any output (busy, quota, unknown model) can then be answered
 * with a real HTTP status instead of a 200 stream carrying an error; once output
 * has started, the returned stream replays what was read and continues.
 * `transform` runs on every part the returned stream gives out: done here, it
 * costs no stream stage of its own, which every token would pass through.
 */
export async function awaitFirstOutput<TOOLS extends ToolSet>(
  source: ReadableStream<TextStreamPart<TOOLS>>,
  transform?: PartTransform<TOOLS>,
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

  let pass: (part: TextStreamPart<TOOLS>) => void = () => {};
  const stream = new ReadableStream<TextStreamPart<TOOLS>>({
    start(controller) {
      const enqueue = (part: TextStreamPart<TOOLS>) => controller.enqueue(part);
      pass = transform ? (part) => transform(part, enqueue) : enqueue;
      for (const part of buffered) pass(part);
      if (done) controller.close();
    },
    async pull(controller) {
      if (done) return;
      const next = await reader.read();
      if (next.done) controller.close();
      else pass(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { ok: true, stream };
}
