import { settingsOrDefault } from "@/lib/chat/chat-settings";
import { getChat, listMessages } from "@/lib/db/queries";
import { getShareOfChat, type ShareSummary, saveShare } from "@/lib/db/shares";
import { HttpError } from "@/lib/http/http-error";
import { requireWithinRateLimit } from "@/lib/http/require-within-rate-limit";
import { newShareId } from "./share-id";
import { type ShareSnapshot, snapshotMessages } from "./share-snapshot";

/** Link creations and updates per owner per hour: plenty for people, a wall for scripts. */
export const SHARE_RATE_LIMIT = { limit: 30, windowMs: 60 * 60 * 1000 };
/** D1 rows hold up to 2 MB; a snapshot stays well inside that. */
const MAX_SNAPSHOT_CHARS = 1_500_000;

export interface ShareOptions {
  includeSystemPrompt: boolean;
  indexable: boolean;
}

/**
 * Shares a chat as it is now: creates its link, or refreshes the snapshot under
 * the link it already has ("Update link"). Messages sent later stay private
 * until the next update.
 */
export async function shareChat(
  db: D1Database,
  chatId: string,
  ownerId: string,
  options: ShareOptions,
): Promise<ShareSummary> {
  const chat = await getChat(db, chatId);
  if (!chat || chat.ownerId !== ownerId) throw new HttpError(404, "not_found", "No such chat.");

  await requireWithinRateLimit(
    db,
    `share:${ownerId}`,
    SHARE_RATE_LIMIT,
    "You've created many share links recently. Try again later.",
  );

  const existing = await getShareOfChat(db, chatId, ownerId);
  const id = existing?.id ?? newShareId();
  const { messages, files } = snapshotMessages(await listMessages(db, chatId), id);
  if (messages.length === 0) throw new HttpError(400, "empty_chat", "There is nothing to share in this chat yet.");
  const { systemPrompt } = settingsOrDefault(chat.settings);
  const snapshot: ShareSnapshot = {
    title: chat.title,
    model: chat.model,
    chatCreatedAt: chat.createdAt,
    sharedAt: Date.now(),
    ...(options.includeSystemPrompt && systemPrompt ? { systemPrompt } : {}),
    messages,
    files,
  };
  if (JSON.stringify(snapshot).length > MAX_SNAPSHOT_CHARS) {
    throw new HttpError(413, "too_large_to_share", "This chat is too long to share as one link.");
  }
  return saveShare(db, { id, chatId, ownerId, title: chat.title, snapshot, ...options });
}
