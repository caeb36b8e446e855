import { currentTime } from "./current-time";
import type { ToolContext } from "./tool-context";

/** Every tool the chat can offer, keyed by the name the model sees, bound to one turn's context. */
export function createChatTools(_context: ToolContext) {
  return {
    current_time: currentTime,
  };
}

export type ChatTools = ReturnType<typeof createChatTools>;
export type ChatToolName = keyof ChatTools;
