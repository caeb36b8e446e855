import { jsonSchema, type ToolChoice, type ToolSet, tool } from "ai";
import type { CompletionRequest } from "./completion-request";
import { OpenAiError } from "./openai-error";

/**
 * The caller's function tools as an AI SDK ToolSet. There is deliberately no
 * `execute`: streamText then stops at the model's tool calls and we hand them
 * back, as OpenAI does; the caller runs them and sends the results.
 */
export function toToolSet(tools: CompletionRequest["tools"]): ToolSet | undefined {
  if (!tools || tools.length === 0) return undefined;
  const set: ToolSet = {};
  for (const { function: fn } of tools) {
    set[fn.name] = tool({
      ...(fn.description ? { description: fn.description } : {}),
      // OpenAI allows omitting parameters: a function that takes no arguments.
      inputSchema: jsonSchema(fn.parameters ?? { type: "object", properties: {} }),
    });
  }
  return set;
}

export function toToolChoice(
  choice: CompletionRequest["tool_choice"],
  tools: ToolSet | undefined,
): ToolChoice<ToolSet> | undefined {
  if (choice == null) return undefined;
  if (choice === "required" && !tools) {
    // Nothing to call: the model could only fail (OpenAI refuses this too).
    throw new OpenAiError(
      400,
      "invalid_request_error",
      'tool_choice "required" needs at least one tool in tools.',
      "tool_choice",
    );
  }
  // "none" and "auto" mean nothing without tools; the model simply answers.
  if (typeof choice === "string") return tools ? choice : undefined;
  const name = choice.function.name;
  if (!tools || !(name in tools)) {
    throw new OpenAiError(
      400,
      "invalid_request_error",
      `tool_choice names "${name}", which is not one of the tools sent.`,
      "tool_choice",
    );
  }
  return { type: "tool", toolName: name };
}
