import type { FinishReason, LanguageModelUsage } from "ai";

/** Pieces shared by the streamed and the whole chat.completion answers. */

export type OpenAiFinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface OpenAiToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/** "chatcmpl-" and 24 random letters and digits, like OpenAI's ids. */
export function completionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  return `chatcmpl-${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The AI SDK's finish reason in OpenAI's words; "error" never gets here (it is answered as an error). */
export function openAiFinishReason(reason: FinishReason): OpenAiFinishReason {
  if (reason === "length") return "length";
  if (reason === "tool-calls") return "tool_calls";
  if (reason === "content-filter") return "content_filter";
  return "stop";
}

export function openAiUsage(usage: LanguageModelUsage | undefined): OpenAiUsage {
  const prompt = usage?.inputTokens ?? 0;
  const completion = usage?.outputTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Tool input as OpenAI's `arguments` string (the SDK hands parsed values, or the raw text when it wasn't JSON). */
export function argumentsText(input: unknown): string {
  return typeof input === "string" ? input : JSON.stringify(input ?? {});
}
