import { getChat } from "@/lib/db/queries";
import { HttpError } from "@/lib/http/http-error";
import { requireWithinRateLimit } from "@/lib/http/require-within-rate-limit";
import { ATTACHMENT_TYPES_LABEL, formatBytes, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_PIXELS } from "./attachment-limits";
import { chatFileUrl } from "./chat-file-url";
import { putChatAttachment } from "./chat-files";
import { imageInfo } from "./image-size";

/** Image uploads per person per hour: generous for people, a wall for scripts filling R2. */
export const UPLOAD_RATE_LIMIT = { limit: 60, windowMs: 60 * 60 * 1000 };

/** What the composer keeps for an uploaded image and sends back as a file part. */
export interface StoredAttachment {
  url: string;
  mediaType: string;
  filename: string;
  size: number;
  width: number;
  height: number;
}

export const ATTACHMENT_TOO_LARGE = `Images can be at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`;

/**
 * Before an upload is read: the chat must be this person's or not exist yet
 * (the first message creates it), and they must be within the upload limit.
 */
export async function requireAttachmentSlot(env: { DB: D1Database }, chatId: string, ownerId: string): Promise<void> {
  const chat = await getChat(env.DB, chatId);
  // Someone else's chat is not revealed: 404, as for any chat the person may not see.
  if (chat && chat.ownerId !== ownerId) throw new HttpError(404, "not_found", "No such chat.");
  await requireWithinRateLimit(
    env.DB,
    `upload:${ownerId}`,
    UPLOAD_RATE_LIMIT,
    "You've attached many images recently. Try again later.",
  );
}

/** Checks an uploaded image by its bytes and stores it in the chat's R2 folder. */
export async function storeAttachment(
  env: { FILES: R2Bucket },
  upload: { chatId: string; ownerId: string; name: string; bytes: Uint8Array },
): Promise<StoredAttachment> {
  if (upload.bytes.byteLength === 0) throw new HttpError(400, "empty_file", "The image is empty.");
  // The declared type only got the request this far: what is stored is what the bytes are.
  const info = imageInfo(upload.bytes);
  if (!info) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      `“${upload.name}” is not a ${ATTACHMENT_TYPES_LABEL} image (its contents don't match).`,
    );
  }
  if (info.width * info.height > MAX_ATTACHMENT_PIXELS) {
    throw new HttpError(
      413,
      "payload_too_large",
      `“${upload.name}” is ${info.width}×${info.height} pixels; images can have at most ${MAX_ATTACHMENT_PIXELS / 1_000_000} megapixels.`,
    );
  }
  const key = await putChatAttachment(env.FILES, {
    chatId: upload.chatId,
    ownerId: upload.ownerId,
    bytes: upload.bytes,
    mediaType: info.mediaType,
    name: upload.name,
    width: info.width,
    height: info.height,
  });
  return {
    url: chatFileUrl(key),
    mediaType: info.mediaType,
    filename: upload.name,
    size: upload.bytes.byteLength,
    width: info.width,
    height: info.height,
  };
}
