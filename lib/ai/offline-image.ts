import { encodePng } from "@/lib/files/encode-png";

/** flux-1-schnell answers with 1024x1024 images; the placeholder matches so layouts look the same offline. */
export const OFFLINE_IMAGE_SIZE = 1024;

const STRIPE_PERIOD = 96;
const STRIPE_WIDTH = 12;

function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

/**
 * A deterministic placeholder PNG: a diagonal gradient between two colours
 * chosen by `seed`, crossed by pale diagonal stripes so nobody mistakes it for
 * a generated picture. tEXt chunks say what it is and which prompt it stands for.
 */
export async function offlinePlaceholderPng(seed: number, prompt: string): Promise<Uint8Array> {
  const size = OFFLINE_IMAGE_SIZE;
  const hue = seed % 360;
  const from = hslToRgb(hue, 0.65, 0.55);
  const to = hslToRgb((hue + 90 + ((seed >>> 9) % 120)) % 360, 0.65, 0.35);
  // Colour depends only on x + y (and stripes on x - y): compute each diagonal once, then copy.
  const span = 2 * (size - 1);
  const plain = new Uint8Array((span + 1) * 3);
  const pale = new Uint8Array((span + 1) * 3);
  for (let d = 0; d <= span; d++) {
    for (let c = 0; c < 3; c++) {
      const value = (from[c] ?? 0) + ((to[c] ?? 0) - (from[c] ?? 0)) * (d / span);
      plain[d * 3 + c] = Math.round(value);
      pale[d * 3 + c] = Math.round(value + (255 - value) * 0.35);
    }
  }
  const rgb = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const source = (x - y + size * STRIPE_PERIOD) % STRIPE_PERIOD < STRIPE_WIDTH ? pale : plain;
      const from3 = (x + y) * 3;
      const to3 = (y * size + x) * 3;
      rgb[to3] = source[from3] ?? 0;
      rgb[to3 + 1] = source[from3 + 1] ?? 0;
      rgb[to3 + 2] = source[from3 + 2] ?? 0;
    }
  }
  return encodePng({
    width: size,
    height: size,
    rgb,
    text: {
      Software: "workers-ai-chat offline stand-in",
      Description: "Placeholder image from the offline stand-in: no model made this.",
      Comment: prompt.slice(0, 500),
    },
  });
}
