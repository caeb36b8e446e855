import { getChat } from "@/lib/db/queries";

/**
 * Whether `ownerId` may read chat `chatId` and everything in it (its files
 * too). Today only the owner may; a share link will widen this rule here, in
 * one place. Unknown chats and other people's chats both answer false.
 */
export async function canReadChat(db: D1Database, chatId: string, ownerId: string | null): Promise<boolean> {
  if (!ownerId) return false;
  const chat = await getChat(db, chatId);
  return chat !== null && chat.ownerId === ownerId;
}
