/**
 * A bare RGB pixel buffer for the share preview image, with just the one
 * drawing primitive the renderer needs: solid rectangles.
 */

export type Rgb = readonly [r: number, g: number, b: number];

export interface RgbCanvas {
  width: number;
  height: number;
  /** width * height * 3 bytes, rows top to bottom, as encodePng expects. */
  rgb: Uint8Array;
}

export function hexColor(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`hexColor: expected #rrggbb, got ${hex}`);
  return [
    Number.parseInt(match[1] ?? "", 16),
    Number.parseInt(match[2] ?? "", 16),
    Number.parseInt(match[3] ?? "", 16),
  ];
}

export function createCanvas(width: number, height: number, background: Rgb): RgbCanvas {
  const canvas = { width, height, rgb: new Uint8Array(width * height * 3) };
  fillRect(canvas, 0, 0, width, height, background);
  return canvas;
}

/** Fills a rectangle, clipped to the canvas; non-integer edges are floored. */
export function fillRect(canvas: RgbCanvas, x: number, y: number, w: number, h: number, color: Rgb): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(canvas.width, Math.floor(x + w));
  const y1 = Math.min(canvas.height, Math.floor(y + h));
  if (x0 >= x1 || y0 >= y1) return;

  const { rgb } = canvas;
  const stride = canvas.width * 3;
  const start = y0 * stride + x0 * 3;
  const end = start + (x1 - x0) * 3;
  const [r, g, b] = color;
  for (let i = start; i < end; i += 3) {
    rgb[i] = r;
    rgb[i + 1] = g;
    rgb[i + 2] = b;
  }
  // The remaining rows are byte copies of the first: copyWithin is a memmove,
  // far cheaper than writing pixels one channel at a time.
  for (let row = y0 + 1; row < y1; row++) rgb.copyWithin(start + (row - y0) * stride, start, end);
}
