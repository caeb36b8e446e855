"use client";

import { useEffect, useRef, useState } from "react";
import { MAX_AUDIO_SECONDS } from "@/lib/files/audio-limits";
import { responseErrorMessage } from "@/lib/http/response-error-message";

interface VoiceInputProps {
  /** The transcription, for the composer (never sent by itself). */
  onTranscript(text: string): void;
  /** Problems for the composer's alert; null clears it. */
  onError(message: string | null): void;
  disabled?: boolean;
}

type State = { kind: "idle" } | { kind: "recording"; startedAt: number } | { kind: "transcribing" };

function formatDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** What went wrong getting the microphone, in words a person can act on. */
function microphoneError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "Microphone access was denied. Allow the microphone for this site in your browser's settings to talk instead of type.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError")
    return "No microphone was found. Connect one, or type your message.";
  if (name === "NotReadableError") return "The microphone is in use by another app. Close it and try again.";
  return `Couldn't start recording: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The microphone button: records with MediaRecorder, shows how long, sends the
 * recording to /api/transcriptions (Whisper) and hands the text to the
 * composer for review. Stops by itself at the length limit.
 */
export function VoiceInput({ onTranscript, onError, disabled = false }: VoiceInputProps) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [elapsed, setElapsed] = useState(0);
  const recorder = useRef<MediaRecorder | null>(null);

  useEffect(() => {
    if (state.kind !== "recording") return;
    const timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - state.startedAt) / 1000);
      setElapsed(seconds);
      if (seconds >= MAX_AUDIO_SECONDS) recorder.current?.stop();
    }, 250);
    return () => clearInterval(timer);
  }, [state]);

  // Leaving the chat mid-recording releases the microphone.
  useEffect(
    () => () => {
      if (recorder.current?.state === "recording") recorder.current.stop();
    },
    [],
  );

  async function transcribe(audio: Blob) {
    setState({ kind: "transcribing" });
    try {
      const response = await fetch("/api/transcriptions", {
        method: "POST",
        headers: { "content-type": audio.type || "audio/webm" },
        body: audio,
      });
      if (!response.ok) throw new Error(await responseErrorMessage(response));
      const { text } = (await response.json()) as { text: string };
      if (text.trim()) onTranscript(text.trim());
      else onError("No speech was recognised in the recording. Try again closer to the microphone.");
    } catch (error) {
      onError(`Couldn't transcribe the recording: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setState({ kind: "idle" });
    }
  }

  async function start() {
    onError(null);
    if (typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia) {
      onError("This browser can't record audio (no MediaRecorder or microphone access). Type your message instead.");
      return;
    }
    // A Permissions-Policy without microphone=(self) makes getUserMedia fail as if the person had said no.
    const policy = (document as Document & { featurePolicy?: { allowsFeature(feature: string): boolean } })
      .featurePolicy;
    if (policy && !policy.allowsFeature("microphone")) {
      onError("Voice input is turned off on this site: its Permissions-Policy header blocks the microphone.");
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      onError(microphoneError(error));
      return;
    }
    const chunks: Blob[] = [];
    const media = new MediaRecorder(stream);
    media.addEventListener("dataavailable", (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    });
    media.addEventListener("stop", () => {
      for (const track of stream.getTracks()) track.stop();
      recorder.current = null;
      const audio = new Blob(chunks, { type: media.mimeType || chunks[0]?.type || "audio/webm" });
      if (audio.size === 0) {
        setState({ kind: "idle" });
        onError("The recording is empty. Try again.");
        return;
      }
      void transcribe(audio);
    });
    recorder.current = media;
    media.start();
    setElapsed(0);
    setState({ kind: "recording", startedAt: Date.now() });
  }

  const recording = state.kind === "recording";
  return (
    <div className="flex items-center gap-2">
      {recording && (
        <span className="flex items-center gap-1.5 text-red-700 text-sm tabular-nums dark:text-red-400">
          <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-red-600" />
          <span>Recording</span>
          <span role="timer" aria-label="Recording time">
            {formatDuration(elapsed)}
          </span>
        </span>
      )}
      {state.kind === "transcribing" && (
        <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          Transcribing…
        </span>
      )}
      <button
        type="button"
        onClick={() => (recording ? recorder.current?.stop() : void start())}
        disabled={(disabled && !recording) || state.kind === "transcribing"}
        aria-label={recording ? "Stop recording" : "Record voice"}
        title={recording ? "Stop recording" : `Record voice (up to ${MAX_AUDIO_SECONDS / 60} minutes)`}
        className={`flex size-11 shrink-0 items-center justify-center rounded-xl border disabled:cursor-not-allowed disabled:opacity-50 ${
          recording
            ? "border-red-600 bg-red-600 text-white hover:bg-red-700"
            : "border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        }`}
      >
        {recording ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <rect x="5" y="5" width="10" height="10" rx="1.5" />
          </svg>
        ) : (
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path d="M10 2a3 3 0 0 0-3 3v5a3 3 0 1 0 6 0V5a3 3 0 0 0-3-3Z" />
            <path d="M5.5 9.5a.75.75 0 0 0-1.5 0 6 6 0 0 0 5.25 5.95V17.5h-2a.75.75 0 0 0 0 1.5h5.5a.75.75 0 0 0 0-1.5h-2v-2.05A6 6 0 0 0 16 9.5a.75.75 0 0 0-1.5 0 4.5 4.5 0 0 1-9 0Z" />
          </svg>
        )}
      </button>
    </div>
  );
}
