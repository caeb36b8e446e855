import { DEFAULT_MAX_OUTPUT_TOKENS } from "@/lib/ai/prompts";
import type { ApprovalToolName } from "@/lib/ai/tools/tool-approval";

/**
 * What a person can tune per chat. Zod-free so the settings form can import it;
 * lib/chat/chat-settings-schema.ts validates it on the server.
 */

export const REASONING_EFFORTS = ["low", "medium", "high"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export interface ChatSettings {
  /** Extra instructions for this chat, added after the app's own; "" for none. */
  systemPrompt: string;
  /** null: the model's own default. */
  temperature: number | null;
  maxOutputTokens: number;
  /** null: the model's own default; only sent to models that accept it. */
  reasoningEffort: ReasoningEffort | null;
  /** Tools that normally ask for approval but may run without asking in this chat. */
  alwaysAllowTools: ApprovalToolName[];
}

export const DEFAULT_CHAT_SETTINGS: Readonly<ChatSettings> = Object.freeze({
  systemPrompt: "",
  temperature: null,
  maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS,
  reasoningEffort: null,
  alwaysAllowTools: [],
});

export const SETTINGS_LIMITS = {
  systemPromptChars: 4000,
  temperature: { min: 0, max: 2 },
  // Long-context models can write book-chapter replies; replyTokenLimit still keeps half the window for history.
  maxOutputTokens: { min: 64, max: 32_768 },
} as const;

/** A chat's stored settings (NULL for a chat that never changed them) filled in with the defaults. */
export function settingsOrDefault(stored: Partial<ChatSettings> | null | undefined): ChatSettings {
  return { ...DEFAULT_CHAT_SETTINGS, alwaysAllowTools: [], ...(stored ?? {}) };
}
