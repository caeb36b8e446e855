import { z } from "zod";
import { idString } from "@/lib/chat/chat-request";

import { CHAT_FILE_NAME_PATTERN, CHAT_IMAGES_DIR } from "./chat-file-url";

export { CHAT_IMAGES_DIR, chatFileUrl } from "./chat-file-url";

/** The image types we store and serve, with the extension each is stored under. */
export const CHAT_IMAGE_EXTENSIONS = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
} as const;
export type ChatImageType = keyof typeof CHAT_IMAGE_EXTENSIONS;

export const chatFileName = z.string().max(140).regex(CHAT_FILE_NAME_PATTERN, "not a file name this app stores");

/** The catch-all segments of /api/files/<key>, checked and turned into the R2 key and its chat. */
export const chatFileKey = z
  .tuple([z.literal(CHAT_IMAGES_DIR), idString, chatFileName], {
    error: "Files live at images/<chatId>/<file>.",
  })
  .transform(([dir, chatId, file]) => ({ key: `${dir}/${chatId}/${file}`, chatId }));

/** All of one chat's files; the trailing slash keeps chat "a" from matching chat "a-2". */
export function chatFilesPrefix(chatId: string): string {
  return `${CHAT_IMAGES_DIR}/${chatId}/`;
}
