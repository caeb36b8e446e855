import { CHAT_IMAGE_EXTENSIONS, CHAT_IMAGES_DIR, type ChatImageType, chatFilesPrefix } from "./chat-file-key";

/** The only module that talks to R2 (the FILES binding). */

const MAX_PROMPT_METADATA_CHARS = 300;
const MAX_NAME_METADATA_CHARS = 200;
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

/** An image a person attached, before or after the message that carries it is sent. */
export interface ChatAttachmentUpload {
  chatId: string;
  ownerId: string;
  bytes: Uint8Array;
  /** Sniffed from the bytes, never taken from the browser. */
  mediaType: ChatImageType;
  /** The file's name on the person's device, for display. */
  name: string;
  width: number;
  height: number;
}

/** What R2 holds about an attachment, without its bytes. */
export interface ChatAttachmentInfo {
  key: string;
  chatId: string;
  ownerId: string;
  mediaType: ChatImageType;
  name: string;
  size: number;
}

export interface ChatFile {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  /** Quoted, ready for an ETag header. */
  etag: string;
  size: number;
}

/** A fresh key in the chat's folder: keys are never reused, so a stored file never changes (see file-response). */
function newChatImageKey(chatId: string, mediaType: keyof typeof CHAT_IMAGE_EXTENSIONS): string {
  return `${CHAT_IMAGES_DIR}/${chatId}/${crypto.randomUUID()}.${CHAT_IMAGE_EXTENSIONS[mediaType]}`;
}

/** Stores a generated image under a fresh key and returns that key. */
export async function putChatImage(bucket: R2Bucket, upload: ChatImageUpload): Promise<string> {
  const key = newChatImageKey(upload.chatId, upload.mediaType);
  await bucket.put(key, upload.bytes, {
    httpMetadata: { contentType: upload.mediaType },
    customMetadata: {
      chatId: upload.chatId,
      ownerId: upload.ownerId,
      // R2 allows 2 KiB of custom metadata in all; cut by code point so no surrogate pair is split.
      prompt: Array.from(upload.prompt).slice(0, MAX_PROMPT_METADATA_CHARS).join(""),
      offline: String(upload.offline),
      source: "generated",
    },
  });
  return key;
}

/** Stores an attached image in its chat's folder under a fresh key and returns that key. */
export async function putChatAttachment(bucket: R2Bucket, upload: ChatAttachmentUpload): Promise<string> {
  const key = newChatImageKey(upload.chatId, upload.mediaType);
  await bucket.put(key, upload.bytes, {
    httpMetadata: { contentType: upload.mediaType },
    customMetadata: {
      chatId: upload.chatId,
      ownerId: upload.ownerId,
      source: "upload",
      name: Array.from(upload.name).slice(0, MAX_NAME_METADATA_CHARS).join(""),
      width: String(upload.width),
      height: String(upload.height),
    },
  });
  return key;
}

/** An attachment's stored facts, or null when `key` holds nothing or something that was not attached by a person. */
export async function getChatAttachmentInfo(bucket: R2Bucket, key: string): Promise<ChatAttachmentInfo | null> {
  const object = await bucket.head(key);
  const meta = object?.customMetadata;
  const mediaType = object?.httpMetadata?.contentType;
  if (!object || meta?.source !== "upload" || !meta.chatId || !meta.ownerId || !isChatImageType(mediaType)) {
    return null;
  }
  return { key, chatId: meta.chatId, ownerId: meta.ownerId, mediaType, name: meta.name ?? "", size: object.size };
}

/** A stored file's bytes, or null when there is none. */
export async function getChatFileBytes(bucket: R2Bucket, key: string): Promise<Uint8Array | null> {
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

function isChatImageType(value: string | undefined): value is ChatImageType {
  return value !== undefined && Object.hasOwn(CHAT_IMAGE_EXTENSIONS, value);
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
