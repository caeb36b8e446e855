// One consumer reads the result, so nothing needs replaying: no tee buffering the whole reply.
import {
  jsonSchema,
  Output,
  experimental_streamTextLowMemory as streamText,
  type TextStreamPart,
  type ToolSet,
} from "ai";
import { awaitFirstOutput } from "@/lib/ai/await-first-output";
import { resolveAiBinding } from "@/lib/ai/binding";
import { findModel } from "@/lib/ai/catalog";
import { chatModel } from "@/lib/ai/chat-model";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { logUpstreamError, upstreamHttpError } from "@/lib/ai/upstream-error";
import { replyTokenLimit } from "@/lib/chat/reply-token-limit";
import type { CompletionRequest } from "./completion-request";
import { toToolChoice, toToolSet } from "./completion-tools";
import { OpenAiError } from "./openai-error";
import { toModelMessages } from "./to-model-messages";

/** Like the chat: Workers AI's own default (256) cuts answers short. */
const DEFAULT_MAX_TOKENS = 2048;

export interface StartedCompletion {
  /** The model's parts, starting with its first output (failures before it were thrown as statuses). */
  stream: ReadableStream<TextStreamPart<ToolSet>>;
  /** Whether the offline stand-in answered. */
  offline: boolean;
  /** What Workers AI said when it broke off mid-stream, if it did. */
  streamError(): string | undefined;
}

function outputFor(format: CompletionRequest["response_format"]) {
  if (format?.type === "json_object") return Output.json();
  if (format?.type === "json_schema") {
    const { name, description, schema } = format.json_schema;
    // Without a schema, OpenAI still asks for JSON; so do we.
    if (!schema) return Output.json({ name, ...(description ? { description } : {}) });
    return Output.object({ schema: jsonSchema(schema), name, ...(description ? { description } : {}) });
  }
  return undefined;
}

/**
 * Calls the model for one chat completion and waits for its first output, so
 * a busy model, a used-up quota or a rejected request is thrown as an
 * HttpError with its real status instead of failing inside a 200 response.
 */
export async function startCompletion(
  request: CompletionRequest,
  env: CloudflareEnv,
  abortSignal?: AbortSignal,
): Promise<StartedCompletion> {
  const catalog = await getModelCatalog(env);
  const model = findModel(catalog, request.model);
  if (!model) {
    throw new OpenAiError(
      404,
      "model_not_found",
      `The model "${request.model}" does not exist. GET /v1/models lists the models you can use.`,
      "model",
    );
  }
  const messages = toModelMessages(request.messages);
  const tools = toToolSet(request.tools);
  if (tools && !model.functionCalling) {
    throw new OpenAiError(400, "tools_not_supported", `The model "${model.id}" does not support tools.`, "tools");
  }
  const toolChoice = toToolChoice(request.tool_choice, tools);
  const output = outputFor(request.response_format);
  // Workers AI's JSON mode drops the tools, so a forced call could never happen (the SDK would fail it as a 502).
  if (output && tools && toolChoice && toolChoice !== "auto" && toolChoice !== "none") {
    throw new OpenAiError(
      400,
      "invalid_request_error",
      "A tool_choice that forces a tool call can't be combined with a JSON response_format here.",
      "tool_choice",
    );
  }
  const stop = request.stop == null ? undefined : typeof request.stop === "string" ? [request.stop] : request.stop;

  const ai = resolveAiBinding(env);
  const result = streamText({
    model: chatModel(ai.binding, model.id),
    messages,
    allowSystemInMessages: true,
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { toolChoice } : {}),
    ...(output ? { output } : {}),
    maxOutputTokens: replyTokenLimit(
      model.contextWindow,
      request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_MAX_TOKENS,
    ),
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { topP: request.top_p } : {}),
    ...(request.seed != null ? { seed: request.seed } : {}),
    ...(stop ? { stopSequences: stop } : {}),
    // lib/ai retries capacity errors itself; the SDK would also retry quota errors.
    maxRetries: 0,
    // We keep our own logs; the SDK's telemetry would walk every call's inputs for nothing.
    telemetry: { isEnabled: false },
    ...(abortSignal ? { abortSignal } : {}),
    // One log line instead of the SDK's stack dump; the caller gets a status or an error event.
    onError: ({ error }) => logUpstreamError("v1/chat/completions", model.id, error),
  });

  const first = await awaitFirstOutput(result.stream);
  if (!first.ok) throw upstreamHttpError(first.error);
  return { stream: first.stream, offline: ai.usedOffline(), streamError: ai.streamError };
}
