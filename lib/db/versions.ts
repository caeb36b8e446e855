import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { messages, messageVersions } from "./schema";

/** Earlier branches of a chat (regenerated replies, edited messages). Chats and messages are in queries.ts. */

export interface BranchVersion {
  parentId: string;
  version: number;
  messages: ChatMessage[];
}

/**
 * Moves a branch out of the live conversation into the versions table in one
 * batch: the rows are deleted from `messages` and kept as the next version
 * after `parentId`.
 */
export async function archiveBranch(
  d1: D1Database,
  chatId: string,
  parentId: string,
  branch: readonly ChatMessage[],
): Promise<void> {
  if (branch.length === 0) return;
  const db = drizzle(d1);
  const nextVersion = sql<number>`(SELECT COALESCE(MAX(${messageVersions.version}), 0) + 1 FROM ${messageVersions}
    WHERE ${messageVersions.chatId} = ${chatId} AND ${messageVersions.parentId} = ${parentId})`;
  await db.batch([
    db.insert(messageVersions).values({
      chatId,
      parentId,
      version: nextVersion,
      messages: [...branch],
      createdAt: Date.now(),
    }),
    db.delete(messages).where(
      and(
        eq(messages.chatId, chatId),
        inArray(
          messages.id,
          branch.map((message) => message.id),
        ),
      ),
    ),
  ]);
}

/** Every archived branch of a chat, oldest version first. */
export async function listVersions(d1: D1Database, chatId: string): Promise<BranchVersion[]> {
  return drizzle(d1)
    .select({
      parentId: messageVersions.parentId,
      version: messageVersions.version,
      messages: messageVersions.messages,
    })
    .from(messageVersions)
    .where(eq(messageVersions.chatId, chatId))
    .orderBy(asc(messageVersions.parentId), asc(messageVersions.version));
}
