/**
 * fetch for the chat transport, with a response body that lets the browser paint while a reply
 * pours in. When more of the stream is already buffered than the page can process in a frame (a
 * fast model, a tab coming back from the background), the AI SDK's read loop runs on resolved
 * promises alone and never gives the event loop back: hundreds of milliseconds in one task,
 * frames dropped, typing frozen. Here the body is handed on in small pieces, and after a few
 * milliseconds of processing without a pause the stream waits for the next task.
 */

/** How long the reply's processing may hold the main thread before letting a frame through. */
const SLICE_BUDGET_MS = 8;
/** Network chunks are cut to this size, so the processing of one piece is small next to the budget. */
const PIECE_BYTES = 2048;
/** A read that took longer than this waited for the network: other tasks ran meanwhile. */
const WAITED_MS = 1;

/** Resolves in a new task (a message to ourselves: no timer clamping). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The same bytes as `source`, in pieces of at most PIECE_BYTES, pausing for a task when over budget. */
export function yieldingBody(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let pending: Uint8Array | undefined;
  let sliceStart = performance.now();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!pending || pending.byteLength === 0) {
          const asked = performance.now();
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          const now = performance.now();
          if (now - asked > WAITED_MS) sliceStart = now;
          pending = value;
        }
        if (performance.now() - sliceStart > SLICE_BUDGET_MS) {
          await nextTask();
          sliceStart = performance.now();
        }
        controller.enqueue(pending.subarray(0, PIECE_BYTES));
        pending = pending.subarray(PIECE_BYTES);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    // Nothing read ahead: each piece is handed on only when the reader asks for it.
    { highWaterMark: 0 },
  );
}

/** fetch, with a streamed response's body paced as above; errors and empty bodies pass as they are. */
export const yieldingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!response.ok || !response.body) return response;
  return new Response(yieldingBody(response.body), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
