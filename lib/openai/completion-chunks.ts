import type { TextStreamPart, ToolSet } from "ai";
import { InStreamError } from "@/lib/ai/stream-guard";
import { upstreamHttpError } from "@/lib/ai/upstream-error";
import { argumentsText, completionId, openAiFinishReason, openAiUsage, unixSeconds } from "./completion-parts";

type Delta = Record<string, unknown>;

/**
 * The model's parts as OpenAI's server-sent events: a role delta first, then
 * content (and reasoning_content) deltas, tool_calls deltas (id and name once,
 * then argument fragments, each under the call's index), a chunk carrying
 * finish_reason, a usage chunk when asked for, and `data: [DONE]`. A failure
 * after output started becomes an `error` event, as OpenAI sends it, and the
 * stream ends without [DONE] so no client takes a cut-off answer as complete.
 */
export function completionChunks(
  parts: ReadableStream<TextStreamPart<ToolSet>>,
  { model, includeUsage, streamError }: { model: string; includeUsage: boolean; streamError(): string | undefined },
): ReadableStream<Uint8Array> {
  const id = completionId();
  const created = unixSeconds();
  const encoder = new TextEncoder();
  // OpenAI sends `usage: null` on every chunk but the last when usage was asked for.
  const usageField = includeUsage ? { usage: null } : {};
  /** Tool call id -> its OpenAI index, in the order the calls started. */
  const toolIndex = new Map<string, number>();
  let failed = false;

  const event = (data: unknown) => encoder.encode(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: Delta, finishReason: string | null = null) =>
    event({
      id,
      object: "chat.completion.chunk",
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...usageField,
    });
  const errorEvent = (error: unknown) => {
    const mapped = upstreamHttpError(error);
    failed = true;
    return event({ error: { message: mapped.message, type: "server_error", param: null, code: mapped.code } });
  };
  const startCall = (callId: string, name: string, args: string) => {
    const index = toolIndex.size;
    toolIndex.set(callId, index);
    return chunk({ tool_calls: [{ index, id: callId, type: "function", function: { name, arguments: args } }] });
  };

  return parts.pipeThrough(
    new TransformStream<TextStreamPart<ToolSet>, Uint8Array>({
      start(controller) {
        controller.enqueue(chunk({ role: "assistant", content: "" }));
      },
      transform(part, controller) {
        if (failed) return;
        switch (part.type) {
          case "text-delta":
            if (part.text) controller.enqueue(chunk({ content: part.text }));
            return;
          case "reasoning-delta":
            if (part.text) controller.enqueue(chunk({ reasoning_content: part.text }));
            return;
          case "tool-input-start":
            controller.enqueue(startCall(part.id, part.toolName, ""));
            return;
          case "tool-input-delta": {
            const index = toolIndex.get(part.id);
            if (index !== undefined && part.delta) {
              controller.enqueue(chunk({ tool_calls: [{ index, function: { arguments: part.delta } }] }));
            }
            return;
          }
          case "tool-call":
            // Providers that don't stream tool input send only the finished call.
            if (!toolIndex.has(part.toolCallId)) {
              controller.enqueue(startCall(part.toolCallId, part.toolName, argumentsText(part.input)));
            }
            return;
          case "error":
            controller.enqueue(errorEvent(part.error));
            return;
          case "finish":
            if (part.finishReason === "error") {
              controller.enqueue(errorEvent(new InStreamError(streamError())));
              return;
            }
            controller.enqueue(chunk({}, openAiFinishReason(part.finishReason)));
            if (includeUsage) {
              controller.enqueue(
                event({
                  id,
                  object: "chat.completion.chunk",
                  created,
                  model,
                  choices: [],
                  usage: openAiUsage(part.totalUsage),
                }),
              );
            }
            controller.enqueue(encoder.encode("data: [DONE]\n\n"));
            return;
          default:
            return;
        }
      },
    }),
  );
}
