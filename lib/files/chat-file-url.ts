/**
 * Where a chat's generated images live in R2 (`images/<chatId>/<file>`) and
 * the app URL that serves them. Zod-free, so pages that only read URLs (the
 * share page) don't bundle the request schemas; chat-file-key.ts validates
 * route input with the same patterns.
 */

export const CHAT_IMAGES_DIR = "images";

/** Letters, digits, '_' and '-' then one known extension: no dots, slashes or `..` can get through. */
export const CHAT_FILE_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}\.(png|jpg|webp|gif)$/;
/** The shape of chat ids (as lib/chat/chat-request's idString checks them). */
const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const FILE_URL_PREFIX = "/api/files/";

/** The app URL that serves a stored file (see app/api/files/[...key]). */
export function chatFileUrl(key: string): string {
  return `${FILE_URL_PREFIX}${key}`;
}

/** The stored file an app URL points at (what chatFileUrl made), or null for any other URL. */
export function chatFileOfUrl(url: string): { key: string; chatId: string; name: string } | null {
  if (!url.startsWith(FILE_URL_PREFIX)) return null;
  const [dir, chatId, name, ...rest] = url.slice(FILE_URL_PREFIX.length).split("/");
  if (rest.length > 0 || dir !== CHAT_IMAGES_DIR || !chatId || !name) return null;
  if (!CHAT_ID_PATTERN.test(chatId) || !CHAT_FILE_NAME_PATTERN.test(name)) return null;
  return { key: `${dir}/${chatId}/${name}`, chatId, name };
}
