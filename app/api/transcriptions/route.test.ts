import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRANSCRIPTION_MODEL_ID } from "@/lib/ai/transcribe-audio";
import { consumeRateLimit } from "@/lib/db/rate-limit";
import { TRANSCRIPTION_RATE_LIMIT } from "@/lib/files/audio-limits";
import { recordOfflineCalls } from "@/lib/testing/offline-calls";
import { errorOf, TestBrowser } from "@/lib/testing/test-browser";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST as transcribe } from "./route";

/** Voice input: POST /api/transcriptions with a generated WAV, on the offline Whisper stand-in. */

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

/** A mono 16-bit PCM WAV of a 440 Hz tone: `seconds` long at `sampleRate`. */
function wav(seconds: number, sampleRate = 16_000): Uint8Array {
  const samples = Math.round(seconds * sampleRate);
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes[offset + i] = value.charCodeAt(i);
  };
  text(0, "RIFF");
  view.setUint32(4, 36 + samples * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000), true);
  }
  return bytes;
}

async function post(browser: TestBrowser, body: Uint8Array, contentType = "audio/wav"): Promise<Response> {
  const response = await transcribe(
    browser.request("/api/transcriptions", {
      method: "POST",
      headers: { "content-type": contentType },
      body: body as BodyInit,
    }),
  );
  const setCookie = response.headers.get("set-cookie");
  if (setCookie) browser.cookie = setCookie.split(";")[0];
  return response;
}

describe("POST /api/transcriptions", () => {
  it("transcribes a WAV with Whisper: base64 audio at the binding, deterministic text back", async () => {
    const browser = new TestBrowser(worker);
    const audio = wav(1.5);
    const log = recordOfflineCalls();
    let response: Response;
    try {
      response = await post(browser, audio);
      const call = log.calls.find((candidate) => candidate.model === TRANSCRIPTION_MODEL_ID);
      // Workers AI's input for whisper-large-v3-turbo: the audio as one base64 string.
      expect(call?.inputs).toEqual({ audio: Buffer.from(audio).toString("base64") });
    } finally {
      log.stop();
    }
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/^wac_owner=/);
    expect(await response.json()).toEqual({
      text: `Offline transcription of 1.5 seconds of WAV audio (${audio.length} bytes) from the stand-in, not Whisper.`,
      offline: true,
    });
    // The same recording always gives the same text.
    expect(((await (await post(browser, audio)).json()) as { text: string }).text).toContain("1.5 seconds");
  });

  it("accepts what MediaRecorder sends, codecs parameter and all", async () => {
    const browser = new TestBrowser(worker);
    // The EBML header every WebM file starts with, then some payload.
    const webm = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, ...new Array(60).fill(7)]);
    const response = await post(browser, webm, "audio/webm;codecs=opus");
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toBe(
      "Offline transcription of WebM audio (64 bytes) from the stand-in, not Whisper.",
    );
  });

  it("refuses other types with 415, and bytes that are not audio with 415", async () => {
    const browser = new TestBrowser(worker);
    for (const type of ["text/plain", "video/webm", "application/octet-stream", ""]) {
      const response = await post(browser, wav(0.1), type);
      expect(response.status, type).toBe(415);
      expect((await errorOf(response)).code).toBe("unsupported_media_type");
    }
    const notAudio = await post(browser, new TextEncoder().encode("this is not a recording at all"), "audio/wav");
    expect(notAudio.status).toBe(415);
    expect((await errorOf(notAudio)).message).toBe(
      "That recording isn't audio we can read (WebM, Ogg, MP4, WAV or MP3).",
    );
    expect((await post(browser, new Uint8Array(0))).status).toBe(400);
  });

  it("answers a recording over 10 MB, or over 2 minutes, with 413", async () => {
    const browser = new TestBrowser(worker);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(wav(0.1));
    const tooBig = await post(browser, big);
    expect(tooBig.status).toBe(413);
    expect(await errorOf(tooBig)).toEqual({ code: "payload_too_large", message: "Recordings can be at most 10 MB." });

    // 121 seconds at 8 kHz mono is under 2 MB but over the length limit.
    const tooLong = await post(browser, wav(121, 8_000));
    expect(tooLong.status).toBe(413);
    expect(await errorOf(tooLong)).toEqual({
      code: "audio_too_long",
      message: "Recordings can be at most 2 minutes long; this one is 121 seconds.",
    });
  });

  it("rate limits transcriptions per person with 429", async () => {
    const browser = new TestBrowser(worker);
    expect((await post(browser, wav(0.2))).status).toBe(200);
    for (let i = 0; i < TRANSCRIPTION_RATE_LIMIT.limit; i++) {
      await consumeRateLimit(worker.env.DB, `transcribe:${browser.ownerId}`, TRANSCRIPTION_RATE_LIMIT);
    }
    const response = await post(browser, wav(0.2));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
