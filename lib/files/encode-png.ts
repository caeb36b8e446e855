/**
 * A minimal PNG encoder: 8-bit RGB, one IDAT chunk, optional tEXt chunks.
 * Enough for generated placeholders; not a general image library. Uses
 * CompressionStream("deflate") (zlib format, as PNG requires), which workerd
 * and Node 22 both provide, so no dependency is needed.
 */

import { concatBytes } from "@/lib/bytes/concat-bytes";

export interface PngInput {
  width: number;
  height: number;
  /** width * height * 3 bytes, rows top to bottom, RGB. */
  rgb: Uint8Array;
  /** tEXt chunks; keys and values must be Latin-1 (others are replaced by "?"). */
  text?: Record<string, string>;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  // The CRC covers the type and the data, not the length.
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    return code >= 0x20 && code <= 0xff && code !== 0x7f ? code : 0x3f;
  });
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function encodePng({ width, height, rgb, text = {} }: PngInput): Promise<Uint8Array> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`encodePng: bad size ${width}x${height}`);
  }
  const stride = width * 3;
  if (rgb.length !== stride * height)
    throw new Error(`encodePng: expected ${stride * height} bytes, got ${rgb.length}`);

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, RGB, deflate, adaptive filtering, no interlace

  // Filter type 1 ("Sub") on every row: smooth images become runs of small
  // numbers, which deflate shrinks far better than raw pixels.
  const filtered = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const src = y * stride;
    const dst = y * (stride + 1);
    filtered[dst] = 1;
    for (let x = 0; x < stride; x++) {
      const left = x >= 3 ? (rgb[src + x - 3] ?? 0) : 0;
      filtered[dst + 1 + x] = ((rgb[src + x] ?? 0) - left) & 0xff;
    }
  }

  const textChunks = Object.entries(text).map(([key, value]) =>
    chunk("tEXt", concatBytes([latin1(key.slice(0, 79)), new Uint8Array([0]), latin1(value)])),
  );
  return concatBytes([
    new Uint8Array(SIGNATURE),
    chunk("IHDR", header),
    ...textChunks,
    chunk("IDAT", await deflate(filtered)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}
