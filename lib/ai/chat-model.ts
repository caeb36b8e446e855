import type { LanguageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import type { AiRunner } from "./binding";

/** The AI SDK model for a catalog id, backed by whatever binding lib/ai chose. */
export function chatModel(binding: AiRunner, modelId: string): LanguageModel {
  // The provider types its binding as the full `Ai` interface; it only ever calls run().
  const workersAi = createWorkersAI({ binding: binding as unknown as Ai });
  return workersAi(modelId);
}
