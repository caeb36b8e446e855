import { generateImage, tool, zodSchema } from "ai";
import { z } from "zod";
import { knownOffline } from "@/lib/ai/ai-mode";
import type { AiRunner } from "@/lib/ai/binding";
import { imageModel } from "@/lib/ai/image-model";
import { isOfflineOutput } from "@/lib/ai/offline-binding";
import { upstreamHttpError } from "@/lib/ai/upstream-error";
import { chatFileUrl } from "@/lib/files/chat-file-key";
import { putChatImage } from "@/lib/files/chat-files";
import { type ImageInfo, imageInfo } from "@/lib/files/image-size";
import type { ToolContext } from "./tool-context";
import { withToolTimeout } from "./tool-timeout";

export const MAX_IMAGE_PROMPT_CHARS = 1000;
/** flux-1-schnell usually answers in a few seconds; a minute covers a cold start. */
const IMAGE_TIMEOUT_MS = 60_000;

// No size or aspect ratio: flux-1-schnell accepts only a prompt (always 1024x1024).
export const generateImageInput = z.object({
  prompt: z
    .string()
    .trim()
    .min(1)
    .max(MAX_IMAGE_PROMPT_CHARS)
    .describe(
      "A detailed description of the picture in English: subject, setting, style, lighting, composition. Don't ask for text in the image.",
    ),
});
// Wrapped once: the SDK caches the JSON Schema it sends the model on the wrapper, not on the zod object.
const generateImageInputSchema = zodSchema(generateImageInput);

export interface GenerateImageOutput {
  /** Where the app serves the image (same origin, readable by whoever can read the chat). */
  url: string;
  mediaType: ImageInfo["mediaType"];
  prompt: string;
  width: number;
  height: number;
  /** True when the offline stand-in made a placeholder instead of a model making a picture. */
  offline: boolean;
}

/** Makes a picture from a text prompt with Workers AI and stores it with the chat. */
export function createGenerateImageTool(context: ToolContext) {
  return tool({
    description:
      "Generate an image from a text description and store it in this chat. Returns the image's url; the chat shows it to the user, so describe it briefly instead of repeating the url. If the result says offline is true, tell the user it is only a placeholder because Workers AI is not connected.",
    inputSchema: generateImageInputSchema,
    execute: ({ prompt }, { abortSignal }): Promise<GenerateImageOutput> =>
      withToolTimeout(
        "Image generation",
        IMAGE_TIMEOUT_MS,
        (signal) => generateChatImage(context, prompt, signal),
        abortSignal,
      ),
  });
}

async function generateChatImage(
  context: ToolContext,
  prompt: string,
  signal: AbortSignal,
): Promise<GenerateImageOutput> {
  // The turn's binding may fall back to the stand-in only after a call, so watch what actually answered.
  let answeredOffline = false;
  const observed: AiRunner = {
    async run(model, inputs, options) {
      const output = await context.ai.run(model, inputs, options);
      answeredOffline = isOfflineOutput(output);
      return output;
    },
  };

  let bytes: Uint8Array;
  try {
    // maxRetries 0: the binding already retries "busy" (3040), and retrying "quota used up" (3036) is wasted.
    const result = await generateImage({ model: imageModel(observed), prompt, maxRetries: 0, abortSignal: signal });
    bytes = result.image.uint8Array;
  } catch (error) {
    if (signal.aborted) throw error;
    // Thrown errors become tool errors: say what went wrong in words a person understands.
    throw new Error(`Image generation failed. ${upstreamHttpError(error).message}`);
  }

  const info = imageInfo(bytes);
  if (!info) throw new Error("Image generation failed: the model did not return a PNG or JPEG image.");
  const offline = answeredOffline || knownOffline(context.env);
  const key = await putChatImage(context.env.FILES, {
    chatId: context.chatId,
    ownerId: context.ownerId,
    bytes,
    mediaType: info.mediaType,
    prompt,
    offline,
  });
  return { url: chatFileUrl(key), mediaType: info.mediaType, prompt, width: info.width, height: info.height, offline };
}
