import { CHAT_IMAGE_EXTENSIONS, CHAT_IMAGES_DIR, type ChatImageType, chatFilesPrefix } from "./chat-file-key";

/** The only module that talks to R2 (the FILES binding). */

const MAX_PROMPT_METADATA_CHARS = 300;
// R2 deletes at most 1000 keys per call, and lists at most 1000 per page.
const DELETE_BATCH = 1000;

export interface ChatImageUpload {
  chatId: string;
  ownerId: string;
  bytes: Uint8Array;
  mediaType: ChatImageType;
  prompt: string;
  /** Made by the offline stand-in (a placeholder), not by a model. */
  offline: boolean;
}

export interface ChatFile {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** Quoted, ready for an ETag header. */
  etag: string;
  size: number;
}

/** Stores a generated image under a fresh key and returns that key. */
export async function putChatImage(bucket: R2Bucket, upload: ChatImageUpload): Promise<string> {
  const key = `${CHAT_IMAGES_DIR}/${upload.chatId}/${crypto.randomUUID()}.${CHAT_IMAGE_EXTENSIONS[upload.mediaType]}`;
  await bucket.put(key, upload.bytes, {
    httpMetadata: { contentType: upload.mediaType },
    customMetadata: {
      chatId: upload.chatId,
      ownerId: upload.ownerId,
      // R2 allows 2 KiB of custom metadata in all; cut by code point so no surrogate pair is split.
      prompt: Array.from(upload.prompt).slice(0, MAX_PROMPT_METADATA_CHARS).join(""),
      offline: String(upload.offline),
    },
  });
  return key;
}

/** A stored file with its body, or null when there is none. */
export async function getChatFile(bucket: R2Bucket, key: string): Promise<ChatFile | null> {
  const object = await bucket.get(key);
  if (!object) return null;
  return {
    body: object.body,
    contentType: object.httpMetadata?.contentType ?? "application/octet-stream",
    etag: object.httpEtag,
    size: object.size,
  };
}

/** Copies a stored file into another chat's folder under the same file name; returns the new key. */
export async function copyChatFile(
  bucket: R2Bucket,
  fromKey: string,
  to: { chatId: string; ownerId: string },
): Promise<string | null> {
  const object = await bucket.get(fromKey);
  if (!object) return null;
  const name = fromKey.slice(fromKey.lastIndexOf("/") + 1);
  const key = `${chatFilesPrefix(to.chatId)}${name}`;
  await bucket.put(key, object.body, {
    httpMetadata: object.httpMetadata,
    customMetadata: { ...object.customMetadata, chatId: to.chatId, ownerId: to.ownerId },
  });
  return key;
}

/** Deletes every file of a chat; returns how many there were. */
export async function deleteChatFiles(bucket: R2Bucket, chatId: string): Promise<number> {
  const prefix = chatFilesPrefix(chatId);
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, cursor, limit: DELETE_BATCH });
    const keys = page.objects.map((object) => object.key);
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}
