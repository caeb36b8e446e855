import type { InferUIMessageChunk } from "ai";
import type { ChatMessage } from "./chat-message";

type ChatChunk = InferUIMessageChunk<ChatMessage>;

/** How long the end of a first reply may wait for its chat's title. Titles are short calls; this rarely binds. */
const TITLE_WAIT_MS = 3_000;

/**
 * Sends the chat's title to the browser as a transient data part just before
 * the reply's finish chunk. The title is generated alongside the reply, so it
 * is usually ready by then; if not, the reply doesn't wait long for it.
 */
export function withChatTitle(
  stream: ReadableStream<ChatChunk>,
  chatId: string,
  title: Promise<string>,
): ReadableStream<ChatChunk> {
  let sent = false;
  async function sendTitle(controller: TransformStreamDefaultController<ChatChunk>) {
    if (sent) return;
    sent = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), TITLE_WAIT_MS);
    });
    const ready = await Promise.race([title, timeout]);
    clearTimeout(timer);
    if (ready) controller.enqueue({ type: "data-title", data: { chatId, title: ready }, transient: true });
  }
  return stream.pipeThrough(
    new TransformStream<ChatChunk, ChatChunk>({
      async transform(chunk, controller) {
        if (chunk.type === "finish") await sendTitle(controller);
        controller.enqueue(chunk);
      },
      async flush(controller) {
        // A stream that ended without a finish chunk (an error) still names the chat.
        await sendTitle(controller);
      },
    }),
  );
}
