import type { AiRunner } from "./binding";

/** A reply that started streaming and then broke off (error event or truncation). */
export class InStreamError extends Error {
  constructor(reason: string | undefined) {
    super(
      `Workers AI stopped mid-reply${reason ? `: ${reason}` : ""}. The partial reply is kept; retry to get a complete one.`,
    );
    this.name = "InStreamError";
  }
}

function errorOf(line: string): string | undefined {
  if (!line.startsWith("data:") || !line.includes('"error"')) return undefined;
  try {
    const event = JSON.parse(line.slice(5)) as { error?: unknown; errors?: unknown };
    if (event.error === undefined || event.error === null) return undefined;
    return typeof event.error === "string" ? event.error : JSON.stringify(event.error);
  } catch {
    return undefined;
  }
}

/**
 * workers-ai-provider ignores an error event inside the SSE stream and reports
 * a clean "stop" with partial text. This passes the bytes through unchanged
 * until such an event, then reports it and ends the stream there without
 * [DONE], which the provider reports as finishReason "error" (truncated), so
 * the turn is never mistaken for a complete reply.
 */
export function guardSseStream(
  source: ReadableStream<Uint8Array>,
  onStreamError: (message: string) => void,
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  let pending = "";
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        pending += decoder.decode(chunk, { stream: true });
        // This runs once per streamed token: only text that mentions an error is split into lines.
        if (!pending.includes('"error"')) {
          pending = pending.slice(pending.lastIndexOf("\n") + 1);
          controller.enqueue(chunk);
          return;
        }
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          const message = errorOf(line.trim());
          if (message !== undefined) {
            onStreamError(message);
            controller.terminate();
            return;
          }
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/** Wraps a binding so every streamed answer is guarded. */
export function withStreamGuard(binding: AiRunner, onStreamError: (message: string) => void): AiRunner {
  return {
    async run(model, inputs, options) {
      const output = await binding.run(model, inputs, options);
      return output instanceof ReadableStream ? guardSseStream(output, onStreamError) : output;
    },
  };
}
