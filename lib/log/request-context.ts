import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
}

// One store per isolate; each request's work (including its waitUntil tail) runs inside its own context.
const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `work` with `context` visible to every log line written during it, however deep. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
