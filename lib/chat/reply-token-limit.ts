/**
 * The max_tokens a turn asks for: what the chat's settings want, but at most half
 * the model's context window, so the history and instructions always keep room.
 */
export function replyTokenLimit(contextWindow: number, requested: number): number {
  return Math.max(1, Math.min(requested, Math.floor(contextWindow / 2)));
}
