import { HttpError } from "@/lib/http/http-error";
import { audioInfo } from "./audio-info";
import { MAX_AUDIO_SECONDS } from "./audio-limits";

/** A recording's bytes must be audio we accept and, where its length is known, no longer than the limit. */
export function checkRecording(bytes: Uint8Array): void {
  if (bytes.byteLength === 0) throw new HttpError(400, "empty_audio", "The recording is empty.");
  const info = audioInfo(bytes);
  if (!info) {
    throw new HttpError(
      415,
      "unsupported_media_type",
      "That recording isn't audio we can read (WebM, Ogg, MP4, WAV or MP3).",
    );
  }
  if (info.durationSeconds !== undefined && info.durationSeconds > MAX_AUDIO_SECONDS) {
    throw new HttpError(
      413,
      "audio_too_long",
      `Recordings can be at most ${MAX_AUDIO_SECONDS / 60} minutes long; this one is ${Math.ceil(info.durationSeconds)} seconds.`,
    );
  }
}
