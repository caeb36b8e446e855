import { getChat, listMessages } from "@/lib/db/queries";
import type { ChatMessage } from "./chat-message";

export interface OwnedChat {
  id: string;
  title: string;
  model: string;
  messages: ChatMessage[];
}

/** A chat with its messages, or null when it doesn't exist or belongs to someone else (indistinguishable on purpose). */
export async function loadOwnedChat(db: D1Database, chatId: string, ownerId: string | null): Promise<OwnedChat | null> {
  if (!ownerId) return null;
  const chat = await getChat(db, chatId);
  if (!chat || chat.ownerId !== ownerId) return null;
  return { id: chat.id, title: chat.title, model: chat.model, messages: await listMessages(db, chatId) };
}
