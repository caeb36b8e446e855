import { canReadChat } from "@/lib/chat/chat-access";
import { getChat } from "@/lib/db/queries";
import { getChatAttachmentInfo } from "./chat-files";

/**
 * Whether `ownerId` may read the stored file `key` of chat `chatId`: whoever
 * may read the chat may read its files. An image attached to a chat that does
 * not exist yet (the first message is still being written) is readable only by
 * the person who attached it, so its bubble can show it while the chat is created.
 */
export async function canReadChatFile(
  env: { DB: D1Database; FILES: R2Bucket },
  file: { chatId: string; key: string },
  ownerId: string | null,
): Promise<boolean> {
  if (!ownerId) return false;
  if (await canReadChat(env.DB, file.chatId, ownerId)) return true;
  if (await getChat(env.DB, file.chatId)) return false;
  const attachment = await getChatAttachmentInfo(env.FILES, file.key);
  return attachment !== null && attachment.ownerId === ownerId && attachment.chatId === file.chatId;
}
