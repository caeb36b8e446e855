import { withoutOfflineDirectives } from "@/lib/ai/offline-args";

const MAX_TITLE_CHARS = 60;

/**
 * A chat title made from the first message, used when no model names the
 * chat (offline, or before one answers): whitespace folded, offline
 * directives dropped, cut at a word boundary.
 */
export function fallbackTitle(firstMessage: string): string {
  const text = withoutOfflineDirectives(firstMessage);
  if (text.length === 0) return "New chat";
  if (text.length <= MAX_TITLE_CHARS) return text;
  const cut = text.slice(0, MAX_TITLE_CHARS);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > MAX_TITLE_CHARS / 2 ? cut.slice(0, lastSpace) : cut}…`;
}
