import type { ChatCursor } from "@/lib/db/queries";

/** Chat-list cursors travel as opaque base64url strings so clients don't build them. */
export function encodeChatCursor(cursor: ChatCursor): string {
  const bytes = new TextEncoder().encode(`${cursor.updatedAt}:${cursor.id}`);
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The cursor inside `value`, or null when it isn't one this server made. */
export function decodeChatCursor(value: string): ChatCursor | null {
  let decoded: string;
  try {
    decoded = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const match = /^(\d{1,16}):([A-Za-z0-9_-]{1,128})$/.exec(decoded);
  if (!match?.[1] || !match[2]) return null;
  return { updatedAt: Number(match[1]), id: match[2] };
}
