import { transcribe } from "ai";
import { createWorkersAI } from "workers-ai-provider";
import { resolveAiBinding } from "./binding";
import { upstreamHttpError } from "./upstream-error";

/** Workers AI's speech-to-text model: Whisper large-v3-turbo takes the audio as base64 and answers `{ text, ... }`. */
export const TRANSCRIPTION_MODEL_ID = "@cf/openai/whisper-large-v3-turbo";

export interface Transcript {
  text: string;
  /** The offline stand-in answered (a labelled placeholder), not Whisper. */
  offline: boolean;
}

/**
 * Transcribes a recording with Whisper on whichever binding lib/ai chose,
 * through workers-ai-provider's transcription model, so the offline stand-in
 * receives exactly what Workers AI would.
 */
export async function transcribeAudio(
  env: CloudflareEnv,
  audio: Uint8Array,
  abortSignal?: AbortSignal,
): Promise<Transcript> {
  const ai = resolveAiBinding(env);
  // The provider types its binding as workers-types' `Ai`; the transcription model only calls run().
  const model = createWorkersAI({ binding: ai.binding as unknown as Ai }).transcription(TRANSCRIPTION_MODEL_ID);
  try {
    const result = await transcribe({ model, audio, maxRetries: 0, ...(abortSignal ? { abortSignal } : {}) });
    return { text: result.text.trim(), offline: ai.usedOffline() };
  } catch (error) {
    throw upstreamHttpError(error);
  }
}
