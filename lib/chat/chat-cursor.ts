import type { ChatCursor } from "@/lib/db/queries";
import { fromBase64Url, toBase64Url } from "@/lib/http/base64url";

/** Chat-list cursors travel as opaque base64url strings so clients don't build them. */
export function encodeChatCursor(cursor: ChatCursor): string {
  return toBase64Url(new TextEncoder().encode(`${cursor.updatedAt}:${cursor.id}`));
}

/** The cursor inside `value`, or null when it isn't one this server made. */
export function decodeChatCursor(value: string): ChatCursor | null {
  const bytes = fromBase64Url(value);
  if (!bytes) return null;
  const match = /^(\d{1,16}):([A-Za-z0-9_-]{1,128})$/.exec(new TextDecoder().decode(bytes));
  if (!match?.[1] || !match[2]) return null;
  return { updatedAt: Number(match[1]), id: match[2] };
}
