import { type ChatCursor, type ChatSummary, listChats } from "@/lib/db/queries";
import { encodeChatCursor } from "./chat-cursor";
import { CHAT_PAGE_SIZE } from "./chat-history-requests";
import { searchSnippet } from "./search-snippet";

/** One page of the chat list as the API and the sidebar see it: the cursor already encoded. */
export interface ChatListPage {
  chats: ChatSummary[];
  nextCursor?: string;
}

/** A page of `ownerId`'s chats; a browser without an identity simply has none yet. */
export async function loadChatListPage(
  db: D1Database,
  ownerId: string | null,
  options: { limit?: number; cursor?: ChatCursor; query?: string } = {},
): Promise<ChatListPage> {
  if (!ownerId) return { chats: [] };
  const page = await listChats(db, ownerId, {
    limit: options.limit ?? CHAT_PAGE_SIZE,
    cursor: options.cursor,
    query: options.query || undefined,
  });
  // The list shows a line around the match, not a whole (up to 20k-character) message.
  const chats = page.chats.map((chat) =>
    chat.matchedText && options.query ? { ...chat, matchedText: searchSnippet(chat.matchedText, options.query) } : chat,
  );
  return page.nextCursor ? { chats, nextCursor: encodeChatCursor(page.nextCursor) } : { chats };
}
