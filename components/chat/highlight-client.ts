import type { HighlightedLine } from "./code-highlighter";
import type { HighlightRequest } from "./code-highlighter.worker";

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, (lines: HighlightedLine[] | null) => void>();

function startWorker(): Worker | null {
  try {
    const started = new Worker(new URL("./code-highlighter.worker.ts", import.meta.url), { type: "module" });
    started.addEventListener("message", (event: MessageEvent<{ id: number; lines: HighlightedLine[] | null }>) => {
      waiting.get(event.data.id)?.(event.data.lines);
      waiting.delete(event.data.id);
    });
    started.addEventListener("error", () => {
      // The worker could not start (blocked or failed): what waits stays plain, later calls run here.
      worker = null;
      for (const resolve of waiting.values()) resolve(null);
      waiting.clear();
    });
    return started;
  } catch {
    return null;
  }
}

/**
 * Highlights code in a Web Worker (one per page, started on first use), falling back to the main
 * thread where workers are unavailable. Same contract as code-highlighter's `highlight`.
 */
export async function highlight(code: string, language: string): Promise<HighlightedLine[] | null> {
  if (worker === undefined) worker = startWorker();
  if (!worker) return (await import("./code-highlighter")).highlight(code, language);
  const id = nextId++;
  const request: HighlightRequest = { id, code, language };
  const result = new Promise<HighlightedLine[] | null>((resolve) => waiting.set(id, resolve));
  worker.postMessage(request);
  return result;
}
