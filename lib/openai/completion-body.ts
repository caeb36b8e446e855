import { InStreamError } from "@/lib/ai/stream-guard";
import { upstreamHttpError } from "@/lib/ai/upstream-error";
import {
  argumentsText,
  completionId,
  type OpenAiFinishReason,
  type OpenAiToolCall,
  type OpenAiUsage,
  openAiFinishReason,
  openAiUsage,
  unixSeconds,
} from "./completion-parts";
import type { StartedCompletion } from "./start-completion";

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: [
    {
      index: 0;
      message: {
        role: "assistant";
        content: string | null;
        /** Reasoning models' thinking, under the name DeepSeek and vLLM use. */
        reasoning_content?: string;
        tool_calls?: OpenAiToolCall[];
        refusal: null;
      };
      logprobs: null;
      finish_reason: OpenAiFinishReason;
    },
  ];
  usage: OpenAiUsage;
}

/**
 * Reads the whole answer and shapes it as a `chat.completion`. A stream that
 * fails or breaks off is thrown (502, or 429 for quota/capacity) rather than
 * returned as if it were a complete answer.
 */
export async function completionBody(started: StartedCompletion, model: string): Promise<ChatCompletion> {
  let text = "";
  let reasoning = "";
  const toolCalls: OpenAiToolCall[] = [];
  let finish: { reason: OpenAiFinishReason; usage: OpenAiUsage } | undefined;

  const reader = started.stream.getReader();
  while (true) {
    const { done, value: part } = await reader.read();
    if (done) break;
    if (part.type === "text-delta") text += part.text;
    else if (part.type === "reasoning-delta") reasoning += part.text;
    else if (part.type === "tool-call") {
      toolCalls.push({
        id: part.toolCallId,
        type: "function",
        function: { name: part.toolName, arguments: argumentsText(part.input) },
      });
    } else if (part.type === "error") {
      await reader.cancel().catch(() => {});
      throw upstreamHttpError(part.error);
    } else if (part.type === "finish") {
      if (part.finishReason === "error") throw upstreamHttpError(new InStreamError(started.streamError()));
      finish = { reason: openAiFinishReason(part.finishReason), usage: openAiUsage(part.totalUsage) };
    }
  }
  if (!finish) throw upstreamHttpError(new InStreamError(started.streamError()));

  return {
    id: completionId(),
    object: "chat.completion",
    created: unixSeconds(),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: text === "" && toolCalls.length > 0 ? null : text,
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          refusal: null,
        },
        logprobs: null,
        finish_reason: finish.reason,
      },
    ],
    usage: finish.usage,
  };
}
