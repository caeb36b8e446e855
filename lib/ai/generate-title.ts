import { generateText } from "ai";
import { describeError, log } from "@/lib/log/log";
import type { AiRunner } from "./binding";
import { DEFAULT_MODEL_ID } from "./catalog";
import { chatModel } from "./chat-model";
import { TITLE_INSTRUCTIONS, TITLE_MAX_OUTPUT_TOKENS } from "./prompts";

const MAX_TITLE_CHARS = 60;
/** The opening of a long first message says enough to name the chat. */
const MAX_PROMPT_CHARS = 2_000;
const TITLE_TIMEOUT_MS = 8_000;

const PREAMBLE = /^(?:chat\s+)?title\s*:\s*/i;
const WRAPPING = /^["“”‘’`*#_\s]+|["“”‘’`*_\s]+$/g;
const TRAILING_PUNCTUATION = /[.!,;:]+$/;

/** Cleans a model's title: one line, no quotes, markup or "Title:" preamble, no trailing period, bounded length. */
export function cleanTitle(raw: string): string | null {
  let title = (raw.trim().split("\n")[0] ?? "").replace(/\s+/g, " ");
  // Quotes, bold and preambles nest in any order ("**Title:** ..." or "\"Title: ...\"."): peel until nothing changes.
  for (let previous = ""; previous !== title; ) {
    previous = title;
    title = title.replace(WRAPPING, "").replace(PREAMBLE, "").replace(TRAILING_PUNCTUATION, "").trim();
    // A lone apostrophe may belong to a word ('Tis); only a matching pair is quoting.
    if (title.length > 1 && title.startsWith("'") && title.endsWith("'")) title = title.slice(1, -1);
  }
  if (title.length === 0) return null;
  const characters = Array.from(title);
  // Cut by code points so an emoji is never split in half.
  return characters.length <= MAX_TITLE_CHARS
    ? title
    : `${characters
        .slice(0, MAX_TITLE_CHARS - 1)
        .join("")
        .trimEnd()}…`;
}

/**
 * Asks a fast model for a short title for a chat that opens with `firstMessage`.
 * Null on any failure: the chat keeps its fallback title, which is fine.
 */
export async function generateTitle(binding: AiRunner, firstMessage: string): Promise<string | null> {
  try {
    const { text } = await generateText({
      model: chatModel(binding, DEFAULT_MODEL_ID),
      instructions: TITLE_INSTRUCTIONS,
      prompt: firstMessage.slice(0, MAX_PROMPT_CHARS),
      maxOutputTokens: TITLE_MAX_OUTPUT_TOKENS,
      temperature: 0.2,
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(TITLE_TIMEOUT_MS),
    });
    return cleanTitle(text);
  } catch (error) {
    log("warn", "title generation failed", { error: describeError(error) });
    return null;
  }
}
