import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { ChatSettings } from "@/lib/chat/chat-settings";
import type { ShareSnapshot } from "@/lib/share/share-snapshot";

/**
 * The D1 tables as drizzle sees them. The SQL in migrations/ creates them;
 * lib/db/schema.test.ts checks the two agree.
 */

export const TITLE_SOURCES = ["fallback", "generated", "user"] as const;
export type TitleSource = (typeof TITLE_SOURCES)[number];

export const chats = sqliteTable(
  "chats",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id"),
    title: text("title").notNull().default("New chat"),
    // A user's rename wins over a generated title arriving later.
    titleSource: text("title_source", { enum: TITLE_SOURCES }).notNull().default("fallback"),
    model: text("model").notNull(),
    // NULL until someone changes a setting: the chat then follows the current defaults.
    settings: text("settings", { mode: "json" }).$type<ChatSettings>(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** When the owner last pressed Stop; a reply begun before it ends early. */
    stopRequestedAt: integer("stop_requested_at"),
  },
  (table) => [index("chats_owner_updated").on(table.ownerId, sql`${table.updatedAt} DESC`, sql`${table.id} DESC`)],
);

export const messages = sqliteTable(
  "messages",
  {
    // Message ids come from the browser, so they are unique per chat, not globally.
    id: text("id").notNull(),
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["system", "user", "assistant"] }).notNull(),
    parts: text("parts", { mode: "json" }).notNull().$type<ChatMessage["parts"]>(),
    metadata: text("metadata", { mode: "json" }).$type<ChatMessage["metadata"]>(),
    /** The text parts joined: what search looks through. */
    text: text("text").notNull().default(""),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chatId, table.id] }),
    index("messages_chat_created").on(table.chatId, table.createdAt),
  ],
);

export type ChatRow = typeof chats.$inferSelect;

export const shares = sqliteTable(
  "shares",
  {
    /** The whole secret of a share link: 144 random bits, base64url. */
    id: text("id").primaryKey().notNull(),
    chatId: text("chat_id")
      .notNull()
      .unique()
      .references(() => chats.id, { onDelete: "cascade" }),
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    snapshot: text("snapshot", { mode: "json" }).notNull().$type<ShareSnapshot>(),
    includeSystemPrompt: integer("include_system_prompt", { mode: "boolean" }).notNull().default(false),
    indexable: integer("indexable", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [index("shares_owner_updated").on(table.ownerId, sql`${table.updatedAt} DESC`)],
);

export type ShareRow = typeof shares.$inferSelect;

export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey().notNull(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});

export const messageVersions = sqliteTable(
  "message_versions",
  {
    chatId: text("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    /** The message the replaced branch followed; "" when it began the chat. */
    parentId: text("parent_id").notNull(),
    version: integer("version").notNull(),
    messages: text("messages", { mode: "json" }).notNull().$type<ChatMessage[]>(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.chatId, table.parentId, table.version] })],
);
