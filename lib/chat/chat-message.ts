import type { InferUITools, UIMessage } from "ai";
import type { ChatTools } from "@/lib/ai/tools";

export interface ChatMessageMetadata {
  /** Catalog id of the model that wrote an assistant message. */
  model?: string;
  /** True when the offline stand-in answered instead of Workers AI. */
  offline?: boolean;
  createdAt?: number;
  finishReason?: string;
  /** The reply did not end cleanly (upstream error, truncation, stop); never shown as complete. */
  incomplete?: boolean;
  /** The person pressed Stop: the reply ends where it was. */
  stopped?: boolean;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Milliseconds from the reply's first token to its last, for tokens per second. */
  generationMs?: number;
}

export type ChatDataParts = {
  /** Sent (transient, never stored in the message) when the server names a new chat. */
  title: { chatId: string; title: string };
};

/** The one message type shared by the route, the database and the browser. */
export type ChatMessage = UIMessage<ChatMessageMetadata, ChatDataParts, InferUITools<ChatTools>>;
