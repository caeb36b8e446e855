import type { ImageModel } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import type { AiRunner } from "./binding";

/**
 * The Workers AI text-to-image model the chat uses. flux-1-schnell takes only
 * `prompt` (and `steps`, `seed`): no width or height, so every image is
 * 1024x1024; it answers `{ image: "<base64 JPEG>" }`.
 */
export const IMAGE_MODEL_ID = "@cf/black-forest-labs/flux-1-schnell";

/** The image model as an AI SDK model, answered by whichever binding lib/ai chose. */
export function imageModel(ai: AiRunner): ImageModel {
  // The provider types its binding as workers-types' `Ai`; the image model only calls run().
  return createWorkersAI({ binding: ai as unknown as Ai }).image(IMAGE_MODEL_ID);
}
