/**
 * Calls into a dedicated Web Worker that answers { id, ...request } with { id, result }: started on
 * the first call (one per page), falling back to `inPage` when workers are unavailable or the
 * worker fails to start. Heavy libraries (Shiki, KaTeX) run there so their evaluation and work
 * never block the page.
 */
export function createWorkerClient<Request extends object, Result>(
  start: () => Worker,
  inPage: (request: Request) => Promise<Result | null>,
): (request: Request) => Promise<Result | null> {
  let worker: Worker | null | undefined;
  let nextId = 0;
  const waiting = new Map<number, (result: Result | null) => void>();

  const startWorker = (): Worker | null => {
    try {
      const started = start();
      started.addEventListener("message", (event: MessageEvent<{ id: number; result: Result | null }>) => {
        waiting.get(event.data.id)?.(event.data.result);
        waiting.delete(event.data.id);
      });
      started.addEventListener("error", () => {
        // The worker could not start (blocked or failed): what waits stays as it is, later calls run here.
        worker = null;
        for (const resolve of waiting.values()) resolve(null);
        waiting.clear();
      });
      return started;
    } catch {
      return null;
    }
  };

  return (request) => {
    if (worker === undefined) worker = startWorker();
    if (!worker) return inPage(request);
    const id = nextId++;
    const result = new Promise<Result | null>((resolve) => waiting.set(id, resolve));
    worker.postMessage({ id, ...request });
    return result;
  };
}

/** The worker side: answers each { id, ...request } message with { id, result } (null when `handle` throws). */
export function serveWorkerRequests<Request, Result>(handle: (request: Request) => Result | Promise<Result>): void {
  // A dedicated worker's global scope; the project's `dom` lib types `postMessage` as the window's.
  const scope = globalThis as unknown as {
    addEventListener(type: "message", listener: (event: MessageEvent<Request & { id: number }>) => void): void;
    postMessage(message: unknown): void;
  };
  scope.addEventListener("message", async (event) => {
    const { id } = event.data;
    try {
      scope.postMessage({ id, result: await handle(event.data) });
    } catch {
      scope.postMessage({ id, result: null });
    }
  });
}
