import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng } from "./encode-png";
import { imageInfo } from "./image-size";

interface PngChunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

function readChunks(png: Uint8Array): PngChunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    chunks.push({ type, data, crcOk: crc32(png.subarray(offset + 4, offset + 8 + length)) === crc });
    offset += 12 + length;
  }
  return chunks;
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Undoes the "Sub" filter the encoder uses on every row. */
function unfilter(raw: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width * 3;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(1);
    for (let x = 0; x < stride; x++) {
      const left = x >= 3 ? (out[y * stride + x - 3] ?? 0) : 0;
      out[y * stride + x] = ((raw[y * (stride + 1) + 1 + x] ?? 0) + left) & 0xff;
    }
  }
  return out;
}

describe("encodePng", () => {
  it("writes a valid PNG whose pixels decode back exactly", async () => {
    const width = 5;
    const height = 3;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    const png = await encodePng({ width, height, rgb, text: { Comment: "hello ünïcode ✓" } });

    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "tEXt", "IDAT", "IEND"]);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect([...(chunks[0]?.data.subarray(8) ?? [])]).toEqual([8, 2, 0, 0, 0]);
    // Latin-1 survives; what Latin-1 can't hold becomes "?".
    expect(new TextDecoder("latin1").decode(chunks[1]?.data)).toBe("Comment\0hello ünïcode ?");

    const raw = await inflate(chunks[2]?.data ?? new Uint8Array());
    expect(unfilter(raw, width, height)).toEqual(rgb);
    expect(imageInfo(png)).toEqual({ mediaType: "image/png", width, height });
  });

  it("refuses pixel data of the wrong length", async () => {
    await expect(encodePng({ width: 2, height: 2, rgb: new Uint8Array(11) })).rejects.toThrow("expected 12 bytes");
  });
});

describe("imageInfo", () => {
  it("reads a JPEG's size from its start-of-frame segment, skipping earlier segments", () => {
    const jpeg = Uint8Array.from([
      0xff,
      0xd8, // SOI
      0xff,
      0xe0,
      0x00,
      0x04,
      0x4a,
      0x46, // APP0, length 4
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      0x02,
      0x00,
      0x04,
      0x00,
      0x03,
      0x01,
      0x22,
      0x00,
      0x02,
      0x11,
      0x01,
      0x03,
      0x11,
      0x01, // SOF0: 1024 wide, 512 high
      0xff,
      0xd9, // EOI
    ]);
    expect(imageInfo(jpeg)).toEqual({ mediaType: "image/jpeg", width: 1024, height: 512 });
  });

  it("answers undefined for anything that is not a whole PNG or JPEG header", () => {
    expect(imageInfo(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeUndefined();
    expect(imageInfo(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    expect(imageInfo(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
  });
});
