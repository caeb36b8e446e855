import { describe, expect, it } from "vitest";
import { CELL_WIDTH, charsThatFit, GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows, measureText, toFontText } from "./bitmap-font";
import { GLYPH_HEX } from "./bitmap-font-glyphs";
import { createCanvas, fillRect } from "./preview-canvas";
import { renderSharePreview } from "./preview-image";
import { wrapText } from "./preview-wrap";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FOOTER = "Workers AI Chat · shared conversation";

/** Decodes what encodePng writes (one IDAT, "Sub" filter on every row) back to RGB. */
async function decodeRgb(png: Uint8Array): Promise<{ width: number; height: number; rgb: Uint8Array }> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  let offset = 8;
  let idat: Uint8Array = new Uint8Array(0);
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    if (type === "IDAT") idat = png.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
  }
  const stream = new Blob([idat as BlobPart]).stream().pipeThrough(new DecompressionStream("deflate"));
  const raw = new Uint8Array(await new Response(stream).arrayBuffer());
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < stride; x++) {
      const left = x >= 3 ? (rgb[y * stride + x - 3] ?? 0) : 0;
      rgb[y * stride + x] = ((raw[y * (stride + 1) + 1 + x] ?? 0) + left) & 0xff;
    }
  }
  return { width, height, rgb };
}

/** Rows (top to bottom) in which two same-sized RGB buffers differ. */
function differingRows(a: Uint8Array, b: Uint8Array, width: number): number[] {
  const rows = new Set<number>();
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) rows.add(Math.floor(i / (width * 3)));
  return [...rows];
}

describe("renderSharePreview", () => {
  it("writes a 1200x630 RGB PNG", async () => {
    const started = performance.now();
    const png = await renderSharePreview({
      title: "How do I bind Workers AI in wrangler.jsonc?",
      subtitle: "I have a Next.js app on OpenNext and want to call a model from a route handler.",
      footer: FOOTER,
    });
    console.log(`share preview: ${(performance.now() - started).toFixed(1)} ms, ${png.length} bytes`);

    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
    expect(view.getUint32(16)).toBe(1200);
    expect(view.getUint32(20)).toBe(630);
    expect([...png.subarray(24, 26)]).toEqual([8, 2]); // 8-bit RGB
  });

  it("draws the title: different titles give different pixels, in the title band", async () => {
    const common = { subtitle: "", footer: FOOTER };
    const a = await decodeRgb(await renderSharePreview({ ...common, title: "Hello world" }));
    const b = await decodeRgb(await renderSharePreview({ ...common, title: "Goodbye moon" }));
    const blank = await decodeRgb(await renderSharePreview({ ...common, title: "" }));
    expect(blank.width).toBe(1200);
    expect(blank.height).toBe(630);

    const rows = differingRows(a.rgb, b.rgb, a.width);
    expect(rows.length).toBeGreaterThan(0);
    expect(Math.max(...rows)).toBeLessThan(300); // the footer and everything below the title are untouched
    expect(differingRows(a.rgb, blank.rgb, a.width).length).toBeGreaterThan(0);
  });

  it("renders long, blank-only and non-ASCII input without throwing", async () => {
    const inputs = [
      { title: "", subtitle: "", footer: "" },
      { title: "   \n\t ", subtitle: "\u0000\u0007", footer: "" },
      { title: "Ünïcödé 🚀 测试", subtitle: "👨‍👩‍👧 Ça va? “Quotes” — dashes", footer: FOOTER },
      { title: "word ".repeat(10_000), subtitle: "x".repeat(100_000), footer: "y".repeat(500) },
    ];
    for (const input of inputs) {
      const png = await renderSharePreview(input);
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    }
  });
});

describe("wrapText", () => {
  it("wraps greedily on spaces and collapses whitespace", () => {
    expect(wrapText("the quick brown fox jumps", 10, 3)).toEqual(["the quick", "brown fox", "jumps"]);
    expect(wrapText("  a \n\n b\tc  ", 10, 3)).toEqual(["a b c"]);
    expect(wrapText("exactly ten", 11, 1)).toEqual(["exactly ten"]);
  });

  it("returns no lines for empty input or no room", () => {
    expect(wrapText("", 10, 3)).toEqual([]);
    expect(wrapText("   ", 10, 3)).toEqual([]);
    expect(wrapText("hello", 0, 3)).toEqual([]);
    expect(wrapText("hello", 10, 0)).toEqual([]);
  });

  it("splits words longer than a line", () => {
    expect(wrapText("abcdefghijkl", 5, 3)).toEqual(["abcde", "fghij", "kl"]);
    expect(wrapText("hi abcdefghij", 5, 3)).toEqual(["hi", "abcde", "fghij"]);
  });

  it("ends the last line with an ellipsis when text is left over", () => {
    expect(wrapText("one two three four five six", 9, 2)).toEqual(["one two", "three…"]);
    // No room after the last word: cut back to a word boundary.
    expect(wrapText("aaaaaa bbbb cccc", 11, 1)).toEqual(["aaaaaa…"]);
    // A boundary that would discard most of the line is not worth it.
    expect(wrapText("a bcdefgh ijk", 9, 1)).toEqual(["a bcdefg…"]);
    expect(wrapText("abcdefghijklmnop", 5, 2)).toEqual(["abcde", "fghi…"]);
    for (const line of wrapText("lorem ipsum ".repeat(50), 13, 3)) expect(line.length).toBeLessThanOrEqual(13);
  });
});

describe("bitmap font", () => {
  it("has a glyph of the right size for every printable ASCII character", () => {
    const seen = new Map<string, string>();
    for (let code = 32; code <= 126; code++) {
      const ch = String.fromCharCode(code);
      const rows = glyphRows(ch);
      expect(rows.length).toBe(GLYPH_HEIGHT);
      for (const row of rows) expect(row).toBeLessThan(1 << GLYPH_WIDTH);
      const lit = rows.reduce((n, row) => n + row.toString(2).replaceAll("0", "").length, 0);
      if (ch === " ") expect(lit).toBe(0);
      else expect(lit, `glyph for ${JSON.stringify(ch)}`).toBeGreaterThan(0);
      // Two characters sharing a bitmap would be a table typo.
      const key = rows.join(",");
      expect(seen.get(key), `${JSON.stringify(ch)} duplicates another glyph`).toBeUndefined();
      seen.set(key, ch);
    }
    for (const hex of GLYPH_HEX) expect(hex).toMatch(/^[0-9a-f]{16}$/);
  });

  it("maps non-ASCII text onto the font", () => {
    expect(toFontText("Ünïcödé 🚀 测试")).toBe("Unicode ? ??");
    expect(toFontText("cafe\u0301 ‘quoted’ – Straße")).toBe("cafe 'quoted' - Strasse");
    expect(toFontText("a\tb\nc\u200bd")).toBe("a b cd");
    expect(toFontText(FOOTER)).toBe(FOOTER);
    expect(glyphRows("测")).toEqual(glyphRows("?"));
    expect(glyphRows("…")).not.toEqual(glyphRows("?"));
  });

  it("measures monospace cells", () => {
    expect(measureText("", 3)).toBe(0);
    expect(measureText("ab", 1)).toBe(2 * CELL_WIDTH - 1);
    expect(measureText("Ü🚀", 4)).toBe((2 * CELL_WIDTH - 1) * 4);
    expect(charsThatFit(measureText("x".repeat(20), 5), 5)).toBe(20);
  });

  it("fills rectangles clipped to the canvas", () => {
    const canvas = createCanvas(4, 3, [1, 2, 3]);
    fillRect(canvas, 2, 1, 10, 10, [9, 9, 9]);
    expect([...canvas.rgb]).toEqual([
      ...[1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3],
      ...[1, 2, 3, 1, 2, 3, 9, 9, 9, 9, 9, 9],
      ...[1, 2, 3, 1, 2, 3, 9, 9, 9, 9, 9, 9],
    ]);
  });
});
