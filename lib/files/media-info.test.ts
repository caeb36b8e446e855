import { describe, expect, it } from "vitest";
import { audioInfo } from "./audio-info";
import { imageInfo } from "./image-size";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe("imageInfo for WebP and GIF", () => {
  it("reads a GIF's logical screen size", () => {
    expect(imageInfo(bytes("GIF89a", [0x40, 0x01, 0xf0, 0x00], [0, 0, 0]))).toEqual({
      mediaType: "image/gif",
      width: 320,
      height: 240,
    });
    expect(imageInfo(bytes("GIF88a", [1, 0, 1, 0], [0, 0, 0]))).toBeUndefined();
  });

  it("reads lossy (VP8), lossless (VP8L) and extended (VP8X) WebP sizes", () => {
    const riff = (chunk: string, body: number[]) => bytes("RIFF", [0, 0, 0, 0], "WEBP", chunk, [0, 0, 0, 0], body);
    const lossy = riff("VP8 ", [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01, 0, 0]);
    expect(imageInfo(lossy)).toEqual({ mediaType: "image/webp", width: 640, height: 480 });
    // 14-bit width-1 and height-1 packed little-endian after the 0x2f signature: 100x50.
    const packed = (100 - 1) | ((50 - 1) << 14);
    const lossless = riff("VP8L", [
      0x2f,
      packed & 0xff,
      (packed >> 8) & 0xff,
      (packed >> 16) & 0xff,
      packed >>> 24,
      0,
      0,
      0,
      0,
      0,
    ]);
    expect(imageInfo(lossless)).toEqual({ mediaType: "image/webp", width: 100, height: 50 });
    const extended = riff("VP8X", [0, 0, 0, 0, 0xff, 0x03, 0, 0x1f, 0x01, 0, 0, 0]);
    expect(imageInfo(extended)).toEqual({ mediaType: "image/webp", width: 1024, height: 288 });
    expect(imageInfo(riff("VP9 ", new Array(12).fill(0)))).toBeUndefined();
  });
});

describe("audioInfo", () => {
  it("tells containers apart by their magic bytes", () => {
    const pad = new Array(16).fill(0);
    expect(audioInfo(bytes([0x1a, 0x45, 0xdf, 0xa3], pad))).toEqual({ container: "webm" });
    expect(audioInfo(bytes("OggS", pad))).toEqual({ container: "ogg" });
    expect(audioInfo(bytes([0, 0, 0, 0x20], "ftypM4A ", pad))).toEqual({ container: "mp4" });
    expect(audioInfo(bytes("ID3", pad))).toEqual({ container: "mpeg" });
    expect(audioInfo(bytes([0xff, 0xfb], pad))).toEqual({ container: "mpeg" });
    expect(audioInfo(bytes("<html>hello</html>", pad))).toBeUndefined();
    expect(audioInfo(bytes("RIFF"))).toBeUndefined();
  });

  it("reads a WAV's length from its byte rate, skipping chunks before the data", () => {
    const wav = new Uint8Array(12 + 24 + 14 + 8 + 8000);
    const view = new DataView(wav.buffer);
    wav.set(bytes("RIFF", [0, 0, 0, 0], "WAVE", "fmt "), 0);
    view.setUint32(16, 16, true);
    view.setUint32(28, 4000, true); // byte rate
    wav.set(bytes("LIST"), 36);
    view.setUint32(40, 5, true); // odd size: padded to 6
    wav.set(bytes("data"), 50);
    view.setUint32(54, 8000, true);
    expect(audioInfo(wav)).toEqual({ container: "wav", durationSeconds: 2 });
  });
});
