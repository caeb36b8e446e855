/**
 * What may be attached to a message. Zod-free and dependency-free: the
 * composer checks files against these before uploading, and the server
 * enforces the same numbers.
 */

/** The image types people may attach; the server checks the bytes, not the name or declared type. */
export const ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 4;
/** Larger pictures are no clearer to a vision model (they are scaled down), only slower to send. */
export const MAX_ATTACHMENT_PIXELS = 40_000_000;
/** How images are described in messages to people. */
export const ATTACHMENT_TYPES_LABEL = "PNG, JPEG, WebP or GIF";

export function isAttachmentType(type: string): type is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

/** "5 MB", "1.2 MB", "830 KB": sizes as people read them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
