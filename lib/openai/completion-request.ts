import { z } from "zod";
import { OpenAiError } from "./openai-error";

/**
 * The subset of OpenAI's chat completion request this API honours. Unknown
 * fields are ignored rather than refused: clients send extras (user, seed,
 * logprobs, metadata) that change nothing here.
 */

const textPart = z.object({ type: z.literal("text"), text: z.string() });
const imagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: z.string(), detail: z.string().optional() }),
});
const plainContent = z.union([z.string(), z.array(textPart)]);

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const messageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: plainContent, name: z.string().optional() }),
  // OpenAI's newer name for system instructions.
  z.object({ role: z.literal("developer"), content: plainContent, name: z.string().optional() }),
  z.object({
    role: z.literal("user"),
    content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, imagePart]))]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal("assistant"),
    content: plainContent.nullish(),
    tool_calls: z.array(toolCall).nullish(),
    name: z.string().optional(),
  }),
  z.object({ role: z.literal("tool"), tool_call_id: z.string().min(1), content: plainContent }),
]);

const functionTool = z.object({
  type: z.literal("function"),
  function: z.object({
    // OpenAI's own rule for function names.
    name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1-64 letters, digits, _ or -"),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const tokenCount = z.number().int().positive();

export const completionRequestSchema = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(messageSchema).min(1, "messages must contain at least one message").max(2_000),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(functionTool).max(128).nullish(),
  tool_choice: z
    .union([
      z.enum(["none", "auto", "required"]),
      z.object({ type: z.literal("function"), function: z.object({ name: z.string().min(1) }) }),
    ])
    .nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: tokenCount.nullish(),
  max_completion_tokens: tokenCount.nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  // One choice per request: Workers AI answers once.
  n: z.literal(1, "only n=1 is supported").nullish(),
  response_format: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("text") }),
      z.object({ type: z.literal("json_object") }),
      z.object({
        type: z.literal("json_schema"),
        json_schema: z.object({
          name: z.string().min(1),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          strict: z.boolean().nullish(),
        }),
      }),
    ])
    .nullish(),
});

export type CompletionRequest = z.infer<typeof completionRequestSchema>;
export type CompletionMessage = CompletionRequest["messages"][number];

/** Validates a parsed body, answering the first problem as OpenAI does: 400 with the field as `param`. */
export function parseCompletionRequest(body: unknown): CompletionRequest {
  const parsed = completionRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue && issue.path.length > 0 ? issue.path.join(".") : null;
  const message = `${param ? `${param}: ` : ""}${issue?.message ?? "invalid request"}`;
  throw new OpenAiError(400, "invalid_request_error", message, param);
}
