/** What an audio file's bytes say about it: its container (by magic bytes) and, where cheap to read, its length. */
export interface AudioInfo {
  container: "wav" | "webm" | "ogg" | "mp4" | "mpeg";
  /** Seconds, when the header says (WAV); compressed streams from MediaRecorder don't. */
  durationSeconds?: number;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** A RIFF/WAVE file's length from its fmt chunk's byte rate and its data chunk's size. */
function wavInfo(bytes: Uint8Array): AudioInfo | undefined {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE") return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    if (id === "fmt " && offset + 16 <= bytes.length) byteRate = view.getUint32(offset + 16, true);
    if (id === "data") {
      // A streamed WAV may leave the size unset (0 or 0xFFFFFFFF): count what is there.
      const dataSize = size === 0 || size === 0xffffffff ? bytes.length - offset - 8 : size;
      return byteRate > 0 ? { container: "wav", durationSeconds: dataSize / byteRate } : { container: "wav" };
    }
    offset += 8 + size + (size % 2); // chunks are padded to an even length
  }
  return { container: "wav" };
}

/** The container of an audio recording, or undefined when the bytes are not one we accept. */
export function audioInfo(bytes: Uint8Array): AudioInfo | undefined {
  if (bytes.length < 12) return undefined;
  const wav = wavInfo(bytes);
  if (wav) return wav;
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return { container: "webm" };
  if (ascii(bytes, 0, 4) === "OggS") return { container: "ogg" };
  if (ascii(bytes, 4, 4) === "ftyp") return { container: "mp4" };
  // MP3: an ID3 tag, or straight into an MPEG audio frame (11 sync bits set).
  if (ascii(bytes, 0, 3) === "ID3" || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) {
    return { container: "mpeg" };
  }
  return undefined;
}
