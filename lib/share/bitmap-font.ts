/**
 * A monospace pixel font for the share preview image: maps any string onto
 * the glyphs in bitmap-font-glyphs.ts, measures it and draws it into an
 * RgbCanvas at an integer scale.
 */

import { EXTRA_GLYPH_CHARS, GLYPH_HEIGHT, GLYPH_HEX, GLYPH_WIDTH } from "./bitmap-font-glyphs";
import { fillRect, type Rgb, type RgbCanvas } from "./preview-canvas";

export { GLYPH_HEIGHT, GLYPH_WIDTH };

/** Horizontal advance per character, in font pixels: the glyph plus one blank column. */
export const CELL_WIDTH = GLYPH_WIDTH + 1;

const FIRST_CODE = 32;
const LAST_CODE = 126;

// Decoded once: GLYPH_HEIGHT row bitmasks per glyph, in table order.
const GLYPH_ROWS = new Uint8Array(GLYPH_HEX.length * GLYPH_HEIGHT);
GLYPH_HEX.forEach((hex, glyph) => {
  for (let row = 0; row < GLYPH_HEIGHT; row++) {
    GLYPH_ROWS[glyph * GLYPH_HEIGHT + row] = Number.parseInt(hex.slice(row * 2, row * 2 + 2), 16);
  }
});

const EXTRA_INDEX = new Map<string, number>(EXTRA_GLYPH_CHARS.map((ch, i) => [ch, LAST_CODE - FIRST_CODE + 1 + i]));
const FALLBACK_INDEX = "?".charCodeAt(0) - FIRST_CODE;

/**
 * Characters that NFD does not decompose but have an obvious ASCII stand-in,
 * mostly "smart" punctuation from chat titles and ligature letters.
 */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201a": ",",
  "\u201c": '"',
  "\u201d": '"',
  "\u201e": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\u2022": "·",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  đ: "d",
  Đ: "D",
  ł: "l",
  Ł: "L",
  ı: "i",
};

// Marks (accents, variation selectors) and format characters (zero-width
// joiners in emoji sequences) draw nothing of their own.
const INVISIBLE = /^[\p{M}\p{Cf}]$/u;
const WHITESPACE = /^\s$/u;
const CONTROL = /^\p{Cc}$/u;

function isCovered(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (ch.length === 1 && code >= FIRST_CODE && code <= LAST_CODE) || EXTRA_INDEX.has(ch);
}

/**
 * Rewrites text into characters the font has, one output character per drawn
 * glyph: accents are stripped (NFD, keeping the base letter), whitespace
 * becomes a space, and anything else unknown becomes "?".
 */
export function toFontText(text: string): string {
  let out = "";
  for (const ch of text) {
    if (isCovered(ch)) out += ch;
    else if (WHITESPACE.test(ch)) out += " ";
    else if (INVISIBLE.test(ch) || CONTROL.test(ch)) continue;
    else {
      const base = ch.normalize("NFD").charAt(0);
      out += isCovered(base) ? base : (SUBSTITUTES[ch] ?? "?");
    }
  }
  return out;
}

function glyphIndex(ch: string): number {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code >= FIRST_CODE && code <= LAST_CODE) return code - FIRST_CODE;
  return EXTRA_INDEX.get(ch) ?? FALLBACK_INDEX;
}

/** The row bitmasks (bit 4 = leftmost column) of the glyph drawn for `ch`. */
export function glyphRows(ch: string): Uint8Array {
  const start = glyphIndex(ch) * GLYPH_HEIGHT;
  return GLYPH_ROWS.subarray(start, start + GLYPH_HEIGHT);
}

/** Width in canvas pixels of `text` drawn at `scale`, without trailing spacing. */
export function measureText(text: string, scale: number): number {
  const length = toFontText(text).length;
  return length === 0 ? 0 : (length * CELL_WIDTH - 1) * scale;
}

/** How many characters fit in `width` canvas pixels at `scale`. */
export function charsThatFit(width: number, scale: number): number {
  return Math.max(0, Math.floor((width / scale + 1) / CELL_WIDTH));
}

/**
 * Draws `text` with its top-left corner at (x, y); each font pixel is a
 * scale x scale block. Returns the x just past the last character cell.
 */
export function drawText(canvas: RgbCanvas, text: string, x: number, y: number, scale: number, color: Rgb): number {
  if (!Number.isInteger(scale) || scale < 1)
    throw new Error(`drawText: scale must be a positive integer, got ${scale}`);
  let penX = x;
  for (const ch of toFontText(text)) {
    const rows = glyphRows(ch);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const bits = rows[row] ?? 0;
      // One rectangle per horizontal run of lit pixels, not one per pixel.
      let col = 0;
      while (col < GLYPH_WIDTH) {
        if (!(bits & (1 << (GLYPH_WIDTH - 1 - col)))) {
          col++;
          continue;
        }
        const runStart = col;
        while (col < GLYPH_WIDTH && bits & (1 << (GLYPH_WIDTH - 1 - col))) col++;
        fillRect(canvas, penX + runStart * scale, y + row * scale, (col - runStart) * scale, scale, color);
      }
    }
    penX += CELL_WIDTH * scale;
  }
  return penX;
}
