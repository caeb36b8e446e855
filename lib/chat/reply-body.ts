import type { InferUIMessageChunk } from "ai";
import type { ChatMessage } from "./chat-message";

export type ChatChunk = InferUIMessageChunk<ChatMessage>;

/** The headers of a UI message stream, as useChat's transport expects them (AI SDK's protocol v1). */
export const REPLY_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache",
  "x-vercel-ai-ui-message-stream": "v1",
  // Tells buffering proxies (nginx and the like) to pass each event on as it comes.
  "x-accel-buffering": "no",
};

/** How long the end of a first reply may wait for its chat's title. Titles are short calls; this rarely binds. */
const TITLE_WAIT_MS = 3_000;

export interface ReplyBodyOptions {
  /** Keeps work alive after the response is sent (ctx.waitUntil on Workers). */
  waitUntil(promise: Promise<unknown>): void;
  /**
   * A new chat's title, generated alongside the reply: sent as a transient data part just before the
   * reply's finish chunk (or at the end of a reply that failed), after waiting for it at most 3 s.
   */
  title?: { chatId: string; ready: Promise<string> };
}

/** Chunks that show the reply itself, as opposed to start/step bookkeeping: the first bytes sent carry one. */
function isOutput(chunk: ChatChunk): boolean {
  switch (chunk.type) {
    case "start":
    case "start-step":
    case "finish-step":
    case "text-start":
    case "reasoning-start":
    case "message-metadata":
      return false;
    default:
      return true;
  }
}

const encoder = new TextEncoder();
const DONE = "data: [DONE]\n\n";

/**
 * The response body of a streamed reply: the UI message chunks as server-sent events, in one stage
 * rather than the SDK's four (title, JSON to SSE, text encoding, and our own pacing), because every
 * stage costs Worker CPU on every token.
 *
 * - The opening chunks are joined until the first one that carries output, so the first bytes sent
 *   hold the first token, and nothing is read ahead before they are handed to the runtime.
 * - From the next turn of the event loop on, the rest is read as fast as it comes and queued, so the
 *   runtime writes it in batches, not a chunk per write.
 * - When the browser disconnects, the runtime cancels the body; reading goes on inside waitUntil, so
 *   the model finishes and the reply is saved (the UI stream's onEnd) all the same.
 *
 * The SDK's own way (consumeSseStream: a tee drained in waitUntil from the start) reads everything
 * twice, and ahead of the first chunk: a reply that is already there (a fast model, the offline
 * stand-in) went through the whole pipeline before the first byte was sent.
 */
export function replyBody(source: ReadableStream<ChatChunk>, options: ReplyBodyOptions): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let settle = () => {};
  // Registered now, while the request is live; settled once the reply has been read to its end.
  options.waitUntil(
    new Promise<void>((resolve) => {
      settle = resolve;
    }),
  );
  let cancelled = false;
  let openingRead = false;
  let titleSent = options.title === undefined;
  // A title that fails is left out; caught now, so its failure is never unhandled while the reply streams.
  const titleReady = options.title?.ready.catch(() => null);

  /** The title's event, once: waited for only while someone is there to receive it. */
  async function titleEvent(): Promise<string> {
    if (titleSent || !options.title) return "";
    titleSent = true;
    if (cancelled) return "";
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), TITLE_WAIT_MS);
    });
    const title = await Promise.race([titleReady, timeout]);
    clearTimeout(timer);
    return title ? sse({ type: "data-title", data: { chatId: options.title.chatId, title }, transient: true }) : "";
  }

  /** One chunk's events; only a finish (which may wait for the title) needs a promise. */
  function eventsOf(chunk: ChatChunk): string | Promise<string> {
    if (chunk.type === "finish" && !titleSent) return titleEvent().then((title) => title + sse(chunk));
    return sse(chunk);
  }

  /** Reads to the end, queueing for the browser while it is there. */
  const readRest = async (controller?: ReadableStreamDefaultController<Uint8Array>) => {
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        if (cancelled) continue;
        const events = eventsOf(next.value);
        const text = typeof events === "string" ? events : await events;
        if (!cancelled) controller?.enqueue(encoder.encode(text));
      }
      // A reply that ended without a finish chunk (an error) still names the chat.
      const closing = (await titleEvent()) + DONE;
      if (!cancelled) {
        controller?.enqueue(encoder.encode(closing));
        controller?.close();
      }
    } catch (error) {
      // After a disconnect the UI stream has already recorded how the reply failed.
      if (!cancelled) controller?.error(error);
    } finally {
      settle();
    }
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (openingRead) return;
      openingRead = true;
      let opening = "";
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) {
            if (!cancelled) {
              controller.enqueue(encoder.encode(opening + (await titleEvent()) + DONE));
              controller.close();
            }
            settle();
            return;
          }
          const events = eventsOf(next.value);
          opening += typeof events === "string" ? events : await events;
          if (isOutput(next.value)) break;
        }
      } catch (error) {
        if (!cancelled) controller.error(error);
        settle();
        return;
      }
      if (cancelled) {
        void readRest();
        return;
      }
      controller.enqueue(encoder.encode(opening));
      setTimeout(() => void readRest(controller), 0);
    },
    cancel() {
      cancelled = true;
      // Whichever read is under way goes on to the end without queueing; if none started, one starts.
      if (!openingRead) {
        openingRead = true;
        void readRest();
      }
    },
  });
}

function sse(chunk: ChatChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
