export const CHAT_INSTRUCTIONS = [
  "You are a helpful assistant in a chat app running on Cloudflare Workers AI.",
  "Answer clearly and concisely. Use Markdown for structure and fenced code blocks for code.",
  "Use a tool only when it is needed to answer; never invent tool results.",
].join(" ");

/**
 * The instructions for a chat turn: ours, then the person's own for this chat in a
 * block of its own, so the model can tell the app's rules from the chat's wishes.
 */
export function chatInstructions(systemPrompt: string): string {
  const own = systemPrompt.trim();
  if (own === "") return CHAT_INSTRUCTIONS;
  return [
    CHAT_INSTRUCTIONS,
    "The user set these instructions for this chat. Follow them unless they conflict with the above.",
    "<chat-instructions>",
    own,
    "</chat-instructions>",
  ].join("\n\n");
}

/** Workers AI defaults to 256 output tokens, which cuts most answers short. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 2048;

/** How many model steps (tool call -> answer) one turn may take. */
export const MAX_STEPS = 5;

export const TITLE_INSTRUCTIONS = [
  "You name chat conversations.",
  "Reply with a title of 2 to 6 words for the conversation that starts with the user's message.",
  "Reply with the title only: no quotes, no trailing punctuation, no preamble.",
].join(" ");

/** A title is a few words; a small cap keeps a confused model from rambling. */
export const TITLE_MAX_OUTPUT_TOKENS = 24;
