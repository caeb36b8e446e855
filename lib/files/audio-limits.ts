/**
 * What a voice recording may be. Zod-free and dependency-free: the microphone
 * button stops recording at the time limit, and the server enforces both.
 */

/** The types MediaRecorder produces in Chrome/Edge (webm), Firefox (ogg) and Safari (mp4), plus WAV and MP3 files. */
export const AUDIO_TYPES = [
  "audio/webm",
  "audio/ogg",
  "audio/wav",
  "audio/x-wav",
  "audio/wave",
  "audio/mp4",
  "audio/mpeg",
] as const;

export const MAX_AUDIO_BYTES = 10 * 1024 * 1024;
export const MAX_AUDIO_SECONDS = 120;

export function isAudioType(type: string): boolean {
  return (AUDIO_TYPES as readonly string[]).includes(type);
}

/** Transcriptions per person per hour: each runs Whisper, which Workers AI bills per audio minute. */
export const TRANSCRIPTION_RATE_LIMIT = { limit: 60, windowMs: 60 * 60 * 1000 };
