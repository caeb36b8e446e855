import { type AudioInfo, audioInfo } from "@/lib/files/audio-info";

/**
 * The offline stand-in's answer for Whisper models: a deterministic, clearly
 * labelled "transcription" built from what it can tell about the audio (its
 * container, length and size), in Workers AI's output shape for
 * @cf/openai/whisper-large-v3-turbo: `{ text, word_count, transcription_info,
 * segments, vtt }`. It hears nothing: it is not a speech model.
 */

/** Whisper models the stand-in answers; large-v3-turbo takes `audio` as a base64 string. */
export const OFFLINE_TRANSCRIPTION_MODELS: ReadonlySet<string> = new Set(["@cf/openai/whisper-large-v3-turbo"]);

export interface WhisperOutput {
  text: string;
  word_count: number;
  transcription_info: {
    language: string;
    language_probability: number;
    duration?: number;
    duration_after_vad?: number;
  };
  segments: {
    start: number;
    end: number;
    text: string;
    temperature: number;
    avg_logprob: number;
    compression_ratio: number;
    no_speech_prob: number;
    words: { word: string; start: number; end: number }[];
  }[];
  vtt: string;
}

const CONTAINER_NAMES: Record<AudioInfo["container"], string> = {
  wav: "WAV",
  webm: "WebM",
  ogg: "Ogg",
  mp4: "MP4",
  mpeg: "MP3",
};

/** The stand-in's sentence for a recording: the same bytes always give the same text. */
export function offlineTranscriptText(bytes: Uint8Array): string {
  const info = audioInfo(bytes);
  const what = info ? `${CONTAINER_NAMES[info.container]} audio` : "audio";
  const length = info?.durationSeconds !== undefined ? `${info.durationSeconds.toFixed(1)} seconds of ` : "";
  return `Offline transcription of ${length}${what} (${bytes.length} bytes) from the stand-in, not Whisper.`;
}

function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

export function offlineWhisperOutput(bytes: Uint8Array): WhisperOutput {
  const text = offlineTranscriptText(bytes);
  const duration = audioInfo(bytes)?.durationSeconds;
  const end = duration ?? 0;
  const words = text.split(/\s+/);
  const step = words.length > 0 ? end / words.length : 0;
  return {
    text,
    word_count: words.length,
    transcription_info: {
      language: "en",
      language_probability: 1,
      ...(duration !== undefined ? { duration, duration_after_vad: duration } : {}),
    },
    segments: [
      {
        start: 0,
        end,
        text,
        temperature: 0,
        avg_logprob: 0,
        compression_ratio: 1,
        no_speech_prob: 0,
        words: words.map((word, i) => ({ word, start: i * step, end: (i + 1) * step })),
      },
    ],
    vtt: `WEBVTT\n\n${vttTime(0)} --> ${vttTime(end)}\n${text}\n`,
  };
}
