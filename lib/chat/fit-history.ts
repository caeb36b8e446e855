import type { ChatMessage } from "./chat-message";

/** Roughly four characters per token for English text and JSON; good enough to stay under a context window. */
const CHARS_PER_TOKEN = 4;

/**
 * What one attached image costs in a vision model's context (they are tiled
 * into patches; a typical photo is several hundred to a few thousand tokens).
 * Its stored part is only a short URL, so it is counted at this rate instead.
 */
export const IMAGE_TOKENS = 1_500;

export function estimateTokens(message: ChatMessage): number {
  const images = message.parts.filter((part) => part.type === "file").length;
  return Math.ceil(JSON.stringify(message.parts).length / CHARS_PER_TOKEN) + images * IMAGE_TOKENS;
}

/**
 * The most recent messages that fit in `budgetTokens`, oldest first. The
 * newest message is always kept, and the result starts with a user message
 * so the model never sees a reply to a question it can't see.
 */
export function fitHistory(messages: ChatMessage[], budgetTokens: number): ChatMessage[] {
  let start = messages.length;
  let used = 0;
  while (start > 0) {
    const message = messages[start - 1] as ChatMessage;
    const cost = estimateTokens(message);
    if (start < messages.length && used + cost > budgetTokens) break;
    used += cost;
    start -= 1;
  }
  while (start < messages.length - 1 && messages[start]?.role !== "user") start += 1;
  return messages.slice(start);
}
