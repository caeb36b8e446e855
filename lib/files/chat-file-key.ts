import { z } from "zod";
import { idString } from "@/lib/chat/chat-request";

/** Where a chat's generated images live in R2: `images/<chatId>/<file>`. */
export const CHAT_IMAGES_DIR = "images";

/** The image types we store and serve, with the extension each is stored under. */
export const CHAT_IMAGE_EXTENSIONS = { "image/png": "png", "image/jpeg": "jpg" } as const;
export type ChatImageType = keyof typeof CHAT_IMAGE_EXTENSIONS;

// Letters, digits, '_' and '-' then one known extension: no dots, slashes or `..` can get through.
export const chatFileName = z
  .string()
  .max(140)
  .regex(/^[A-Za-z0-9_-]{1,128}\.(png|jpg)$/, "not a file name this app stores");

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

const FILE_URL_PREFIX = "/api/files/";

/** The app URL that serves a stored file (see app/api/files/[...key]). */
export function chatFileUrl(key: string): string {
  return `${FILE_URL_PREFIX}${key}`;
}

/** The stored file an app URL points at (what chatFileUrl made), or null for any other URL. */
export function chatFileOfUrl(url: string): { key: string; chatId: string; name: string } | null {
  if (!url.startsWith(FILE_URL_PREFIX)) return null;
  const parsed = chatFileKey.safeParse(url.slice(FILE_URL_PREFIX.length).split("/"));
  return parsed.success ? { ...parsed.data, name: parsed.data.key.slice(parsed.data.key.lastIndexOf("/") + 1) } : null;
}
