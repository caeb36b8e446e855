import type { AiRunner } from "@/lib/ai/binding";

/** What a tool may need beyond its input: the chat it runs in and the Worker's bindings. */
export interface ToolContext {
  env: CloudflareEnv;
  chatId: string;
  ownerId: string;
  /** The AI binding lib/ai chose for this turn (the offline stand-in offline). */
  ai: AiRunner;
}
