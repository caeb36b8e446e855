import { stopRequestedSince } from "@/lib/db/queries";

/**
 * How often a reply checks D1 for a Stop that reached another isolate. A Stop
 * that lands in this isolate (the usual case) is instant; see stopTurnsHere.
 * Each check is a D1 read per streaming reply, so this is also a cost knob:
 * the load test showed 500 ms checks taking about 40% of a local Worker's CPU.
 */
const CHECK_EVERY_MS = 2_000;
/** Replies never run this long; the watch must not outlive them if an end is missed. */
const GIVE_UP_AFTER_MS = 15 * 60 * 1000;

// Per isolate, shared by every route bundle that imports this module (hence a global symbol, not a module local).
const REGISTRY = Symbol.for("workers-ai-chat.active-turns");
type Registry = Map<string, Set<() => void>>;

function registry(): Registry {
  const global = globalThis as { [REGISTRY]?: Registry };
  global[REGISTRY] ??= new Map();
  return global[REGISTRY];
}

/** Stops this chat's replies being generated in this isolate at once (the Stop route calls it after D1). */
export function stopTurnsHere(chatId: string): void {
  for (const stop of registry().get(chatId) ?? []) stop();
}

/**
 * Watches for the owner's Stop while a reply is generated (in waitUntil, after
 * the browser's request may be gone) and calls `stop` once. Returns a function
 * that ends the watch.
 */
export function watchForStop(db: D1Database, chatId: string, since: number, stop: () => void): () => void {
  const turns = registry();
  let checking = false;
  let stopped = false;
  const started = Date.now();

  const end = () => {
    clearInterval(timer);
    const forChat = turns.get(chatId);
    forChat?.delete(stopNow);
    if (forChat?.size === 0) turns.delete(chatId);
  };
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    end();
    stop();
  };

  const timer = setInterval(() => {
    if (Date.now() - started > GIVE_UP_AFTER_MS) {
      end();
      return;
    }
    if (checking) return;
    checking = true;
    stopRequestedSince(db, chatId, since)
      .then((requested) => {
        if (requested) stopNow();
      })
      .catch(() => {
        // A failed check just waits for the next one.
      })
      .finally(() => {
        checking = false;
      });
  }, CHECK_EVERY_MS);

  const forChat = turns.get(chatId) ?? new Set();
  forChat.add(stopNow);
  turns.set(chatId, forChat);
  return end;
}
