import { getChat, listMessagePage } from "@/lib/db/queries";
import { type BranchVersion, listVersions } from "@/lib/db/versions";
import { MESSAGE_PAGE_SIZE } from "./chat-history-requests";
import type { ChatMessage } from "./chat-message";
import { type ChatSettings, settingsOrDefault } from "./chat-settings";

export interface OwnedChat {
  id: string;
  title: string;
  model: string;
  /** The chat's settings, the defaults filled in where it never set them. */
  settings: ChatSettings;
  /** The latest page of messages, oldest first; older ones load as the reader scrolls up. */
  messages: ChatMessage[];
  hasOlder: boolean;
  /** Earlier branches (regenerated replies, edited messages), for the ‹1/2› switchers. */
  versions: BranchVersion[];
}

/** A chat with its latest messages, or null when it doesn't exist or belongs to someone else (indistinguishable on purpose). */
export async function loadOwnedChat(db: D1Database, chatId: string, ownerId: string | null): Promise<OwnedChat | null> {
  if (!ownerId) return null;
  const chat = await getChat(db, chatId);
  if (!chat || chat.ownerId !== ownerId) return null;
  const [page, versions] = await Promise.all([
    listMessagePage(db, chatId, { limit: MESSAGE_PAGE_SIZE }),
    listVersions(db, chatId),
  ]);
  return {
    id: chat.id,
    title: chat.title,
    model: chat.model,
    settings: settingsOrDefault(chat.settings),
    messages: page.messages,
    hasOlder: page.hasOlder,
    versions,
  };
}
