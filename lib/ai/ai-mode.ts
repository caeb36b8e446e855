export type AiMode = "workers-ai" | "offline" | "auto";

/** Reads AI_MODE; anything unrecognised means "auto" so a typo can't silently force offline answers. */
export function parseAiMode(value: string | undefined): AiMode {
  return value === "workers-ai" || value === "offline" ? value : "auto";
}

/**
 * What the page can say before any reply: offline for sure (forced, or no AI
 * binding at all), or unknown until the binding answers (auto with a binding).
 */
export function knownOffline(env: { AI_MODE?: string; AI?: unknown }): boolean {
  const mode = parseAiMode(env.AI_MODE);
  return mode === "offline" || (mode === "auto" && !env.AI);
}
