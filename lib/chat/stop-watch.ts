import { stopRequestedSince } from "@/lib/db/queries";

/** Often enough that Stop feels immediate; rare enough to be one cheap D1 read per reply-second or so. */
const CHECK_EVERY_MS = 500;
/** Replies never run this long; the watch must not outlive them if an end is missed. */
const GIVE_UP_AFTER_MS = 15 * 60 * 1000;

/**
 * Watches for the owner's Stop while a reply is generated (in waitUntil, after
 * the browser's request may be gone) and calls `stop` once. Returns a function
 * that ends the watch.
 */
export function watchForStop(db: D1Database, chatId: string, since: number, stop: () => void): () => void {
  let checking = false;
  const started = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - started > GIVE_UP_AFTER_MS) {
      clearInterval(timer);
      return;
    }
    if (checking) return;
    checking = true;
    stopRequestedSince(db, chatId, since)
      .then((requested) => {
        if (requested) {
          clearInterval(timer);
          stop();
        }
      })
      .catch(() => {
        // A failed check just waits for the next one.
      })
      .finally(() => {
        checking = false;
      });
  }, CHECK_EVERY_MS);
  return () => clearInterval(timer);
}
