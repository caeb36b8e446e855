import type { ChatMessage } from "@/lib/chat/chat-message";

/** The only module that talks to D1. */

export interface ChatRow {
  id: string;
  ownerId: string | null;
  title: string;
  model: string;
  createdAt: number;
  updatedAt: number;
}

interface ChatRecord {
  id: string;
  owner_id: string | null;
  title: string;
  model: string;
  created_at: number;
  updated_at: number;
}

interface MessageRecord {
  id: string;
  role: ChatMessage["role"];
  parts: string;
  metadata: string | null;
}

export async function getChat(db: D1Database, id: string): Promise<ChatRow | null> {
  const row = await db.prepare("SELECT * FROM chats WHERE id = ?").bind(id).first<ChatRecord>();
  return row
    ? {
        id: row.id,
        ownerId: row.owner_id,
        title: row.title,
        model: row.model,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }
    : null;
}

export async function createChat(
  db: D1Database,
  chat: { id: string; ownerId: string | null; model: string; title?: string },
): Promise<void> {
  const now = Date.now();
  await db
    .prepare(
      "INSERT INTO chats (id, owner_id, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
    )
    .bind(chat.id, chat.ownerId, chat.title ?? "New chat", chat.model, now, now)
    .run();
}

export async function listMessages(db: D1Database, chatId: string): Promise<ChatMessage[]> {
  // rowid breaks ties between messages saved in the same millisecond.
  const { results } = await db
    .prepare("SELECT id, role, parts, metadata FROM messages WHERE chat_id = ? ORDER BY created_at, rowid")
    .bind(chatId)
    .all<MessageRecord>();
  return results.map((row) => ({
    id: row.id,
    role: row.role,
    parts: JSON.parse(row.parts) as ChatMessage["parts"],
    ...(row.metadata ? { metadata: JSON.parse(row.metadata) as ChatMessage["metadata"] } : {}),
  }));
}

/** Inserts or replaces a message (keyed per chat) and bumps the chat's updated time in one batch. */
export async function saveMessage(db: D1Database, chatId: string, message: ChatMessage, model?: string): Promise<void> {
  const now = Date.now();
  await db.batch([
    db
      .prepare(
        `INSERT INTO messages (id, chat_id, role, parts, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (chat_id, id) DO UPDATE SET parts = excluded.parts, metadata = excluded.metadata`,
      )
      .bind(
        message.id,
        chatId,
        message.role,
        JSON.stringify(message.parts),
        message.metadata ? JSON.stringify(message.metadata) : null,
        message.metadata?.createdAt ?? now,
      ),
    db
      .prepare("UPDATE chats SET updated_at = ?, model = COALESCE(?, model) WHERE id = ?")
      .bind(now, model ?? null, chatId),
  ]);
}
