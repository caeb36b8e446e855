import { concatBytes } from "@/lib/bytes/concat-bytes";
/**
 * A streamed reply's response body that runs to the end even when the browser
 * goes away, paced for a fast first token and fast streaming after it.
 *
 * - The opening chunks are joined until the first one that carries output
 *   (`isOutput`), so the first bytes sent hold the first token, and nothing is
 *   read ahead before they are handed to the runtime.
 * - From the next turn of the event loop on, the rest is read as fast as it
 *   comes and queued, so the runtime writes it in batches, not a chunk per write.
 * - When the browser disconnects, the runtime cancels the body; reading goes on
 *   inside waitUntil, so the model finishes and the reply is saved (the UI
 *   stream's onEnd) all the same.
 *
 * The SDK's own way (consumeSseStream: a tee drained in waitUntil from the
 * start) reads everything twice, and ahead of the first chunk: a reply that is
 * already there (a fast model, the offline stand-in) went through the whole
 * pipeline before the first byte was sent.
 */
export function finishAfterDisconnect(
  source: ReadableStream<Uint8Array>,
  waitUntil: (promise: Promise<unknown>) => void,
  isOutput: (chunk: Uint8Array) => boolean,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let settle = () => {};
  // Registered now, while the request is live; settled once the reply has been read to its end.
  waitUntil(
    new Promise<void>((resolve) => {
      settle = resolve;
    }),
  );
  let cancelled = false;
  let openingRead = false;

  /** Reads to the end, queueing for the browser while it is there. */
  const readRest = async (controller?: ReadableStreamDefaultController<Uint8Array>) => {
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        if (!cancelled) controller?.enqueue(next.value);
      }
      if (!cancelled) controller?.close();
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
      const opening: Uint8Array[] = [];
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) {
            if (!cancelled) {
              if (opening.length > 0) controller.enqueue(concatBytes(opening));
              controller.close();
            }
            settle();
            return;
          }
          opening.push(next.value);
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
      controller.enqueue(concatBytes(opening));
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
