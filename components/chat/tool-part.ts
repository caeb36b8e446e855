import type { ChatMessage } from "@/lib/chat/chat-message";

/**
 * A message's tool calls, told apart from its other parts. The `ai` package has the same two
 * helpers (isToolUIPart, getToolOrDynamicToolName); these few lines keep that package, and the
 * zod it brings, off the first load of the chat and share pages, which only render parts.
 */

type Part = ChatMessage["parts"][number];

export type ChatToolPart = Extract<Part, { toolCallId: string }>;

/** `tool-<name>` parts (the app's own tools) and `dynamic-tool` parts (tools known only at run time). */
export function isToolPart(part: Part): part is ChatToolPart {
  return part.type === "dynamic-tool" || part.type.startsWith("tool-");
}

/** The tool's name: after `tool-` in the part's type, or a dynamic tool's own. */
export function toolNameOf(part: ChatToolPart): string {
  return part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
}
