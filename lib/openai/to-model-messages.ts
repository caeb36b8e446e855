import type { ModelMessage } from "ai";
import type { CompletionMessage } from "./completion-request";
import { OpenAiError } from "./openai-error";

function textOf(content: string | { text: string }[] | null | undefined): string {
  if (content == null) return "";
  return typeof content === "string" ? content : content.map((part) => part.text).join("\n");
}

/** Tool arguments as the AI SDK wants them (a value); a model's malformed JSON is passed on as the raw string. */
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * OpenAI chat messages as AI SDK ModelMessages. System (and developer)
 * messages stay where they are in the conversation, so the caller must pass
 * `allowSystemInMessages`. A tool message names only its call id; the tool's
 * name comes from the assistant message that made the call.
 */
export function toModelMessages(messages: readonly CompletionMessage[]): ModelMessage[] {
  requireToolResults(messages);
  const toolNames = new Map<string, string>();
  return messages.map((message, index): ModelMessage => {
    switch (message.role) {
      case "system":
      case "developer":
        return { role: "system", content: textOf(message.content) };
      case "user": {
        if (typeof message.content === "string") return { role: "user", content: message.content };
        if (message.content.some((part) => part.type === "image_url")) {
          throw new OpenAiError(
            400,
            "unsupported_content",
            "Image inputs are not supported by this API yet; send text parts only.",
            `messages.${index}.content`,
          );
        }
        return { role: "user", content: textOf(message.content.filter((part) => part.type === "text")) };
      }
      case "assistant": {
        const text = textOf(message.content);
        const calls = message.tool_calls ?? [];
        for (const call of calls) toolNames.set(call.id, call.function.name);
        return {
          role: "assistant",
          content: [
            ...(text ? [{ type: "text" as const, text }] : []),
            ...calls.map((call) => ({
              type: "tool-call" as const,
              toolCallId: call.id,
              toolName: call.function.name,
              input: parseArguments(call.function.arguments),
            })),
          ],
        };
      }
      case "tool": {
        const toolName = toolNames.get(message.tool_call_id);
        if (!toolName) {
          throw new OpenAiError(
            400,
            "invalid_request_error",
            `messages.${index}.tool_call_id: no earlier assistant message has a tool call with id "${message.tool_call_id}".`,
            `messages.${index}.tool_call_id`,
          );
        }
        return {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: message.tool_call_id,
              toolName,
              output: { type: "text", value: textOf(message.content) },
            },
          ],
        };
      }
    }
  });
}

/**
 * Every tool call an assistant message makes is answered by tool messages right
 * after it, as OpenAI requires. The AI SDK refuses such a conversation too, but
 * only once the model is called, which would come back as a 502.
 */
function requireToolResults(messages: readonly CompletionMessage[]): void {
  let pending = new Set<string>();
  let caller = -1;
  const unanswered = () =>
    new OpenAiError(
      400,
      "invalid_request_error",
      `messages.${caller}: an assistant message with tool_calls must be followed by tool messages answering each call (missing: ${[...pending].join(", ")}).`,
      `messages.${caller}`,
    );
  messages.forEach((message, index) => {
    if (message.role === "tool") {
      pending.delete(message.tool_call_id);
      return;
    }
    if (pending.size > 0) throw unanswered();
    if (message.role === "assistant" && message.tool_calls?.length) {
      pending = new Set(message.tool_calls.map((call) => call.id));
      caller = index;
    }
  });
  if (pending.size > 0) throw unanswered();
}
