import { getCloudflareContext } from "@opennextjs/cloudflare";
import { transcribeAudio } from "@/lib/ai/transcribe-audio";
import { identify } from "@/lib/auth/identity";
import { isAudioType, MAX_AUDIO_BYTES, TRANSCRIPTION_RATE_LIMIT } from "@/lib/files/audio-limits";
import { checkRecording } from "@/lib/files/check-recording";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { mediaTypeOf, readBinaryBody } from "@/lib/http/read-binary-body";
import { requireWithinRateLimit } from "@/lib/http/require-within-rate-limit";
import { withSetCookie } from "@/lib/http/with-set-cookie";

/**
 * Voice input: the body is a recording (what MediaRecorder made); the answer
 * is `{ text }` for the composer, where the person reviews it before sending.
 */
export async function POST(request: Request): Promise<Response> {
  let setCookie: string | undefined;
  try {
    if (!isAudioType(mediaTypeOf(request))) {
      throw new HttpError(
        415,
        "unsupported_media_type",
        "Send the recording as audio/webm, audio/ogg, audio/mp4, audio/wav or audio/mpeg.",
      );
    }
    const { env } = getCloudflareContext();
    const identity = await identify(request, env);
    setCookie = identity.setCookie;
    await requireWithinRateLimit(
      env.DB,
      `transcribe:${identity.ownerId}`,
      TRANSCRIPTION_RATE_LIMIT,
      "You've transcribed many recordings recently. Try again later, or type your message.",
    );
    const audio = await readBinaryBody(
      request,
      MAX_AUDIO_BYTES,
      `Recordings can be at most ${MAX_AUDIO_BYTES / (1024 * 1024)} MB.`,
    );
    checkRecording(audio);
    const transcript = await transcribeAudio(env, audio, request.signal);
    return withSetCookie(Response.json(transcript, { headers: { "cache-control": "no-store" } }), setCookie);
  } catch (error) {
    return withSetCookie(errorResponse(error), setCookie);
  }
}
