import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { ChatSettings } from "@/lib/chat/chat-settings";
import { type ChatRow, chats, messages, messageVersions, shares } from "./schema";

/** The only module that talks to D1. */

export type { ChatRow } from "./schema";

const clients = new WeakMap<D1Database, DrizzleD1Database>();

/** One drizzle client per binding: building it is cheap, but not free on every query. */
function orm(d1: D1Database): DrizzleD1Database {
  let client = clients.get(d1);
  if (!client) {
    client = drizzle(d1);
    clients.set(d1, client);
  }
  return client;
}

export async function getChat(d1: D1Database, id: string): Promise<ChatRow | null> {
  const [row] = await orm(d1).select().from(chats).where(eq(chats.id, id)).limit(1);
  return row ?? null;
}

export interface NewChat {
  id: string;
  ownerId: string | null;
  model: string;
  title?: string;
  settings?: ChatSettings;
}

function insertChat(db: DrizzleD1Database, chat: NewChat, now: number) {
  return db.insert(chats).values({
    id: chat.id,
    ownerId: chat.ownerId,
    title: chat.title,
    model: chat.model,
    settings: chat.settings ?? null,
    createdAt: now,
    updatedAt: now,
  });
}

export async function createChat(d1: D1Database, chat: NewChat): Promise<void> {
  await insertChat(orm(d1), chat, Date.now()).onConflictDoNothing({ target: chats.id });
}

/**
 * A new chat and its first message in one batch: one round trip, and never a chat without its message.
 * False, with nothing written, when a chat with this id already exists (whoever owns it): the batch is
 * one transaction, and the chat's insert fails on its primary key before the message can land in it.
 */
export async function createChatWithMessage(d1: D1Database, chat: NewChat, message: ChatMessage): Promise<boolean> {
  const db = orm(d1);
  const now = Date.now();
  try {
    await db.batch([insertChat(db, chat, now), upsertMessage(db, chat.id, message, now)]);
    return true;
  } catch (error) {
    if (isDuplicateChatId(error)) return false;
    throw error;
  }
}

/** SQLite's primary-key violation on chats.id, as D1 reports it (drizzle wraps it with the query as `cause`). */
function isDuplicateChatId(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (/UNIQUE constraint failed: chats\.id/.test(current.message)) return true;
  }
  return false;
}

/** Where the next page of a chat list starts: the last chat of the previous page. */
export interface ChatCursor {
  updatedAt: number;
  id: string;
}

export interface ChatSummary {
  id: string;
  title: string;
  model: string;
  updatedAt: number;
  /** With a search: the text of the first message that matched, if the title didn't. */
  matchedText?: string;
}

/**
 * Case-insensitive (ASCII, like LIKE) "contains", with the user's text as a plain
 * parameter. Not LIKE: D1 refuses LIKE patterns past a small length limit, so a
 * long search would fail the query, and instr() needs no escaping of % and _.
 */
function containsText(column: SQL, query: string): SQL {
  return sql`instr(lower(${column}), lower(${query})) > 0`;
}

/** The owner's chats, most recently active first, one page at a time; optionally only those matching `query`. */
export async function listChats(
  d1: D1Database,
  ownerId: string,
  options: { limit: number; cursor?: ChatCursor; query?: string },
): Promise<{ chats: ChatSummary[]; nextCursor?: ChatCursor }> {
  const conditions: (SQL | undefined)[] = [eq(chats.ownerId, ownerId)];
  if (options.cursor) {
    const { updatedAt, id } = options.cursor;
    conditions.push(or(lt(chats.updatedAt, updatedAt), and(eq(chats.updatedAt, updatedAt), lt(chats.id, id))));
  }
  let matchedText: SQL<string | null> | undefined;
  if (options.query) {
    // Written out with aliases: drizzle leaves column names unqualified, and inside
    // this subquery an unqualified "id" would mean the message's id, not the chat's.
    const firstMatchingText = sql<string | null>`(SELECT m.text FROM messages AS m
      WHERE m.chat_id = ${chats}.id AND ${containsText(sql`m.text`, options.query)}
      ORDER BY m.created_at LIMIT 1)`;
    const titleMatches = containsText(sql`${chats}.title`, options.query);
    // A matching title already says why the chat is listed; fallback titles are made
    // from the first message, so sending that message as well would only repeat it.
    matchedText = sql<string | null>`CASE WHEN ${titleMatches} THEN NULL ELSE ${firstMatchingText} END`;
    conditions.push(or(titleMatches, sql`${firstMatchingText} IS NOT NULL`));
  }
  const rows = await orm(d1)
    .select({
      id: chats.id,
      title: chats.title,
      model: chats.model,
      updatedAt: chats.updatedAt,
      matchedText: matchedText ?? sql<null>`NULL`,
    })
    .from(chats)
    .where(and(...conditions))
    .orderBy(desc(chats.updatedAt), desc(chats.id))
    // One extra row says whether another page exists.
    .limit(options.limit + 1);

  const page = rows
    .slice(0, options.limit)
    .map(({ matchedText: text, ...chat }) => (text ? { ...chat, matchedText: text } : chat));
  const last = page.at(-1);
  return rows.length > options.limit && last
    ? { chats: page, nextCursor: { updatedAt: last.updatedAt, id: last.id } }
    : { chats: page };
}

export interface ChatChanges {
  title?: string;
  model?: string;
  settings?: ChatSettings;
}

/**
 * Changes a chat's title, model and/or settings if it belongs to `ownerId`; null when
 * it doesn't exist for them. A new title counts as the user's, so a generated title
 * arriving later won't replace it. Not activity: the chat keeps its place in the list.
 */
export async function updateChat(
  d1: D1Database,
  id: string,
  ownerId: string,
  changes: ChatChanges,
): Promise<ChatRow | null> {
  const owned = and(eq(chats.id, id), eq(chats.ownerId, ownerId));
  const set = {
    ...(changes.title !== undefined ? { title: changes.title, titleSource: "user" as const } : {}),
    ...(changes.model !== undefined ? { model: changes.model } : {}),
    ...(changes.settings !== undefined ? { settings: changes.settings } : {}),
  };
  // drizzle refuses an UPDATE with nothing to set; nothing to change is just a read.
  const [row] =
    Object.keys(set).length > 0
      ? await orm(d1).update(chats).set(set).where(owned).returning()
      : await orm(d1).select().from(chats).where(owned).limit(1);
  return row ?? null;
}

/** Stores a generated title unless someone has renamed the chat meanwhile. */
export async function saveGeneratedTitle(d1: D1Database, id: string, title: string): Promise<boolean> {
  const rows = await orm(d1)
    .update(chats)
    .set({ title, titleSource: "generated" })
    .where(and(eq(chats.id, id), eq(chats.titleSource, "fallback")))
    .returning({ id: chats.id });
  return rows.length > 0;
}

/** Deletes a chat and its messages if it belongs to `ownerId`; false when it doesn't exist for them. */
export async function deleteChat(d1: D1Database, id: string, ownerId: string): Promise<boolean> {
  const db = orm(d1);
  const owned = and(eq(chats.id, id), eq(chats.ownerId, ownerId));
  // Messages and share links go explicitly too: the cascade only runs where foreign keys are enforced.
  const [, , , deleted] = await db.batch([
    db.delete(messages).where(sql`${messages.chatId} IN (SELECT ${chats.id} FROM ${chats} WHERE ${owned})`),
    db.delete(shares).where(sql`${shares.chatId} IN (SELECT ${chats.id} FROM ${chats} WHERE ${owned})`),
    db
      .delete(messageVersions)
      .where(sql`${messageVersions.chatId} IN (SELECT ${chats.id} FROM ${chats} WHERE ${owned})`),
    db.delete(chats).where(owned).returning({ id: chats.id }),
  ]);
  return deleted.length > 0;
}

const messageColumns = { id: messages.id, role: messages.role, parts: messages.parts, metadata: messages.metadata };

function toChatMessage(row: {
  id: string;
  role: ChatMessage["role"];
  parts: ChatMessage["parts"];
  metadata: ChatMessage["metadata"] | null;
}): ChatMessage {
  return { id: row.id, role: row.role, parts: row.parts, ...(row.metadata ? { metadata: row.metadata } : {}) };
}

/** Every message of a chat, oldest first. */
export async function listMessages(d1: D1Database, chatId: string): Promise<ChatMessage[]> {
  const rows = await orm(d1)
    .select(messageColumns)
    .from(messages)
    .where(eq(messages.chatId, chatId))
    // rowid breaks ties between messages saved in the same millisecond.
    .orderBy(messages.createdAt, sql`rowid`);
  return rows.map(toChatMessage);
}

/**
 * The latest `limit` messages of a chat (or those before the message `before`),
 * oldest first, and whether older ones exist: long chats open on their last page.
 */
export async function listMessagePage(
  d1: D1Database,
  chatId: string,
  options: { limit: number; before?: string },
): Promise<{ messages: ChatMessage[]; hasOlder: boolean }> {
  const conditions: SQL[] = [eq(messages.chatId, chatId)];
  if (options.before) {
    conditions.push(
      sql`(${messages.createdAt}, rowid) < (SELECT created_at, rowid FROM messages WHERE chat_id = ${chatId} AND id = ${options.before})`,
    );
  }
  const rows = await orm(d1)
    .select(messageColumns)
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), sql`rowid DESC`)
    .limit(options.limit + 1);
  return { messages: rows.slice(0, options.limit).reverse().map(toChatMessage), hasOlder: rows.length > options.limit };
}

function plainText(message: ChatMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .filter(Boolean)
    .join(" ");
}

/**
 * Inserts or replaces a message (keyed per chat) and bumps the chat's updated time
 * in one batch, storing the turn's model and settings on the chat when given.
 */
export async function saveMessage(
  d1: D1Database,
  chatId: string,
  message: ChatMessage,
  chatChanges: Pick<ChatChanges, "model" | "settings"> = {},
): Promise<void> {
  const db = orm(d1);
  const now = Date.now();
  await db.batch([
    upsertMessage(db, chatId, message, now),
    db
      .update(chats)
      .set({
        updatedAt: now,
        ...(chatChanges.model ? { model: chatChanges.model } : {}),
        ...(chatChanges.settings ? { settings: chatChanges.settings } : {}),
      })
      .where(eq(chats.id, chatId)),
  ]);
}

/** Inserts a message, or replaces the one with its id in the chat (a resent or edited message). */
function upsertMessage(db: DrizzleD1Database, chatId: string, message: ChatMessage, now: number) {
  const row = messageRow(chatId, message, message.metadata?.createdAt ?? now);
  return db
    .insert(messages)
    .values(row)
    .onConflictDoUpdate({
      target: [messages.chatId, messages.id],
      set: { parts: row.parts, metadata: row.metadata, text: row.text },
    });
}

/** A message as its stored row; `text` is what search reads. */
function messageRow(chatId: string, message: ChatMessage, createdAt: number) {
  return {
    id: message.id,
    chatId,
    role: message.role,
    parts: message.parts,
    metadata: message.metadata ?? null,
    text: plainText(message),
    createdAt,
  };
}

/** Writes a whole history into a (new) chat in one batch, in order: forks of shared chats. */
export async function insertMessages(d1: D1Database, chatId: string, history: readonly ChatMessage[]): Promise<void> {
  if (history.length === 0) return;
  const db = orm(d1);
  const start = Date.now();
  const inserts = history.map((message, index) =>
    db.insert(messages).values(messageRow(chatId, message, start + index)),
  );
  const [first, ...rest] = inserts;
  if (first) await db.batch([first, ...rest]);
}

/** The message `messageId` (if `inclusive`) and everything after it, oldest first: a branch about to be replaced. */
export async function listMessagesFrom(
  d1: D1Database,
  chatId: string,
  messageId: string,
  inclusive: boolean,
): Promise<ChatMessage[]> {
  const position = sql`(SELECT created_at, rowid FROM messages WHERE chat_id = ${chatId} AND id = ${messageId})`;
  const rows = await orm(d1)
    .select(messageColumns)
    .from(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        inclusive
          ? sql`(${messages.createdAt}, rowid) >= ${position}`
          : sql`(${messages.createdAt}, rowid) > ${position}`,
      ),
    )
    .orderBy(messages.createdAt, sql`rowid`);
  return rows.map(toChatMessage);
}

/** The message just before `messageId` in a chat, or null when it is the first. */
export async function previousMessageId(d1: D1Database, chatId: string, messageId: string): Promise<string | null> {
  const [row] = await orm(d1)
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.chatId, chatId),
        sql`(${messages.createdAt}, rowid) < (SELECT created_at, rowid FROM messages WHERE chat_id = ${chatId} AND id = ${messageId})`,
      ),
    )
    .orderBy(desc(messages.createdAt), sql`rowid DESC`)
    .limit(1);
  return row?.id ?? null;
}

/** Records the owner's Stop for a chat; false when it isn't theirs. */
export async function requestStop(d1: D1Database, chatId: string, ownerId: string): Promise<boolean> {
  const rows = await orm(d1)
    .update(chats)
    .set({ stopRequestedAt: Date.now() })
    .where(and(eq(chats.id, chatId), eq(chats.ownerId, ownerId)))
    .returning({ id: chats.id });
  return rows.length > 0;
}

/** Whether Stop was pressed for this chat after `since` (when the reply began). */
export async function stopRequestedSince(d1: D1Database, chatId: string, since: number): Promise<boolean> {
  const [row] = await orm(d1).select({ at: chats.stopRequestedAt }).from(chats).where(eq(chats.id, chatId)).limit(1);
  return (row?.at ?? 0) >= since;
}
