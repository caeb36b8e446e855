/**
 * The physical limit for bench/server.ts: a Worker that pipes the offline binding's SSE stream
 * (the same stand-in the app uses offline) straight into the response, with no parsing, no
 * AI SDK, no D1. POST { "text": "… offline:words=N offline:delay=0" }.
 */
import { createOfflineBinding } from "../../lib/ai/offline-binding";

const MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname === "/health") return new Response("ok");
    if (request.method !== "POST") return new Response("POST { text } to stream a reply", { status: 405 });
    const { text } = (await request.json()) as { text?: unknown };
    if (typeof text !== "string") return new Response("text is required", { status: 400 });
    const binding = createOfflineBinding({ chunkDelayMs: 0 });
    const stream = await binding.run(MODEL, { messages: [{ role: "user", content: text }], stream: true });
    return new Response(stream as ReadableStream<Uint8Array>, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-store" },
    });
  },
};
