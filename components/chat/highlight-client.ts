import type { HighlightedLine } from "./code-highlighter";
import type { HighlightRequest } from "./code-highlighter.worker";
import { createWorkerClient } from "./worker-client";

const highlightInWorker = createWorkerClient<HighlightRequest, HighlightedLine[] | null>(
  () => new Worker(new URL("./code-highlighter.worker.ts", import.meta.url), { type: "module" }),
  async ({ code, language }) => (await import("./code-highlighter")).highlight(code, language),
);

/**
 * Highlights code in a Web Worker (one per page, started on first use), falling back to the main
 * thread where workers are unavailable. Same contract as code-highlighter's `highlight`.
 */
export function highlight(code: string, language: string): Promise<HighlightedLine[] | null> {
  return highlightInWorker({ code, language });
}
