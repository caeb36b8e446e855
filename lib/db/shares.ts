import { and, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { ShareSnapshot } from "@/lib/share/share-snapshot";
import { type ShareRow, shares } from "./schema";

/** Share links in D1. (Chats and messages are in queries.ts.) */

export type { ShareRow } from "./schema";

export interface ShareSummary {
  id: string;
  chatId: string;
  title: string;
  indexable: boolean;
  includeSystemPrompt: boolean;
  createdAt: number;
  updatedAt: number;
}

const summaryColumns = {
  id: shares.id,
  chatId: shares.chatId,
  title: shares.title,
  indexable: shares.indexable,
  includeSystemPrompt: shares.includeSystemPrompt,
  createdAt: shares.createdAt,
  updatedAt: shares.updatedAt,
};

export async function getShare(d1: D1Database, id: string): Promise<ShareRow | null> {
  const [row] = await drizzle(d1).select().from(shares).where(eq(shares.id, id)).limit(1);
  return row ?? null;
}

/** The link of one chat, if its owner has shared it. */
export async function getShareOfChat(d1: D1Database, chatId: string, ownerId: string): Promise<ShareSummary | null> {
  const [row] = await drizzle(d1)
    .select(summaryColumns)
    .from(shares)
    .where(and(eq(shares.chatId, chatId), eq(shares.ownerId, ownerId)))
    .limit(1);
  return row ?? null;
}

/** Creates a chat's link, or refreshes its snapshot and options under the same id. */
export async function saveShare(
  d1: D1Database,
  share: {
    id: string;
    chatId: string;
    ownerId: string;
    title: string;
    snapshot: ShareSnapshot;
    includeSystemPrompt: boolean;
    indexable: boolean;
  },
): Promise<ShareSummary> {
  const now = Date.now();
  const [row] = await drizzle(d1)
    .insert(shares)
    .values({ ...share, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: shares.chatId,
      set: {
        title: share.title,
        snapshot: share.snapshot,
        includeSystemPrompt: share.includeSystemPrompt,
        indexable: share.indexable,
        updatedAt: now,
      },
    })
    .returning(summaryColumns);
  if (!row) throw new Error("saving the share returned no row");
  return row;
}

/** The owner's links, most recently updated first. */
export async function listShares(d1: D1Database, ownerId: string): Promise<ShareSummary[]> {
  return drizzle(d1)
    .select(summaryColumns)
    .from(shares)
    .where(eq(shares.ownerId, ownerId))
    .orderBy(desc(shares.updatedAt))
    .limit(200);
}

/** Revokes a link; false when it doesn't exist for this owner. */
export async function deleteShare(d1: D1Database, id: string, ownerId: string): Promise<boolean> {
  const rows = await drizzle(d1)
    .delete(shares)
    .where(and(eq(shares.id, id), eq(shares.ownerId, ownerId)))
    .returning({ id: shares.id });
  return rows.length > 0;
}

/** What edge caching needs to know about a link: whether it exists and which snapshot is current. */
export async function shareVersion(d1: D1Database, id: string): Promise<number | null> {
  const [row] = await drizzle(d1)
    .select({ updatedAt: shares.updatedAt })
    .from(shares)
    .where(eq(shares.id, id))
    .limit(1);
  return row?.updatedAt ?? null;
}
