import { z } from "zod";
import { TOOLS_NEEDING_APPROVAL } from "@/lib/ai/tools/tool-approval";
import { type ChatSettings, REASONING_EFFORTS, SETTINGS_LIMITS } from "./chat-settings";

const { systemPromptChars, temperature, maxOutputTokens } = SETTINGS_LIMITS;

/**
 * A chat's settings as the browser sends them: the whole object, every field present.
 * Unknown fields are dropped, not refused: a page loaded before a deploy may still send a
 * setting this version no longer has, and that must not stop the chat.
 */
export const chatSettingsSchema = z.object({
  systemPrompt: z.string().max(systemPromptChars, `The system prompt can be at most ${systemPromptChars} characters.`),
  temperature: z
    .number()
    .min(temperature.min, `The temperature must be between ${temperature.min} and ${temperature.max}.`)
    .max(temperature.max, `The temperature must be between ${temperature.min} and ${temperature.max}.`)
    .nullable(),
  maxOutputTokens: z
    .number()
    .int("The reply length must be a whole number of tokens.")
    .min(
      maxOutputTokens.min,
      `The reply length must be between ${maxOutputTokens.min} and ${maxOutputTokens.max} tokens.`,
    )
    .max(
      maxOutputTokens.max,
      `The reply length must be between ${maxOutputTokens.min} and ${maxOutputTokens.max} tokens.`,
    ),
  reasoningEffort: z
    .enum(REASONING_EFFORTS, {
      message: `The reasoning effort must be one of ${REASONING_EFFORTS.join(", ")}, or null.`,
    })
    .nullable(),
  // Optional for clients that predate it; absent means every approval tool asks.
  alwaysAllowTools: z
    .array(
      z.enum(TOOLS_NEEDING_APPROVAL, { message: `Only ${TOOLS_NEEDING_APPROVAL.join(", ")} can be always allowed.` }),
    )
    .max(TOOLS_NEEDING_APPROVAL.length)
    .default([]),
}) satisfies z.ZodType<ChatSettings, unknown>;
