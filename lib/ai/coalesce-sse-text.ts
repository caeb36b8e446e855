import type { AiRunner } from "./binding";

/**
 * At most this many text events become one. Enough to take most of the per-event work out of the
 * pipeline; small enough that the browser still gets a steady stream of small deltas rather than a
 * few huge ones (unbounded merging handed it thousands of tokens per frame).
 */
export const MAX_MERGED_EVENTS = 8;

/**
 * Merges Workers AI text events that arrive together into one event. Every
 * SSE event becomes at least one part in the AI SDK, one UI message chunk,
 * one JSON encoding and one write; when a fast model (or a network read
 * holding several events) hands over many tokens at once, merging them first
 * makes all of that happen once per batch of up to MAX_MERGED_EVENTS instead
 * of once per token. The first token goes on at once (it is the time to first
 * token); later ones are held until the batch is full or the next turn of the
 * event loop, when everything that arrived with them has been read.
 *
 * Only events that are plain text (`{"response": "..."}`, nothing else) are
 * merged; any other event (tool calls, usage, errors, [DONE]) first sends the
 * text held so far, then goes on unchanged, so order is kept.
 */
export function coalesceSseText(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = ""; // Bytes of an event that hasn't ended yet.
  let heldText: string[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let output: TransformStreamDefaultController<Uint8Array> | undefined;
  let sentFirstText = false;

  const sendHeldText = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (heldText.length === 0) return;
    const response = heldText.join("");
    heldText = [];
    try {
      output?.enqueue(encoder.encode(`data: ${JSON.stringify({ response })}\n\n`));
    } catch {
      // The reader went away (Stop, a closed tab) while text was held: there is nobody to send it to.
    }
  };

  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        output = controller;
      },
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        const end = pending.lastIndexOf("\n\n");
        if (end === -1) return;
        const events = pending.slice(0, end).split("\n\n");
        pending = pending.slice(end + 2);
        for (const event of events) {
          const text = plainText(event);
          if (text !== undefined && sentFirstText) {
            heldText.push(text);
            if (heldText.length >= MAX_MERGED_EVENTS) sendHeldText();
            continue;
          }
          if (text !== undefined) sentFirstText = true;
          sendHeldText();
          controller.enqueue(encoder.encode(`${event}\n\n`));
        }
        if (heldText.length > 0) flushTimer ??= setTimeout(sendHeldText, 0);
      },
      flush(controller) {
        sendHeldText();
        // A stream that was cut off mid-event ends the same way it would have without us.
        if (pending) controller.enqueue(encoder.encode(pending));
      },
    }),
  );
}

/** The text of a plain text event, or undefined for any other event. */
function plainText(event: string): string | undefined {
  if (!event.startsWith("data: {") || event.includes("\n")) return undefined;
  try {
    const payload: unknown = JSON.parse(event.slice(6));
    if (typeof payload !== "object" || payload === null) return undefined;
    const keys = Object.keys(payload);
    if (keys.length !== 1 || keys[0] !== "response") return undefined;
    const { response } = payload as { response: unknown };
    return typeof response === "string" ? response : undefined;
  } catch {
    return undefined;
  }
}

/** Wraps a binding so text that streams in bursts reaches the SDK in bursts. */
export function withCoalescedText(binding: AiRunner): AiRunner {
  return {
    async run(model, inputs, options) {
      const output = await binding.run(model, inputs, options);
      return output instanceof ReadableStream ? coalesceSseText(output as ReadableStream<Uint8Array>) : output;
    },
  };
}
