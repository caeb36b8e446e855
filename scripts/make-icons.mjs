// Renders the PNG icons the web manifest and iOS need from app/icon.svg's
// design (an orange rounded square with a white speech bubble). Run after
// changing the SVG, and commit the output:
//
//   node scripts/make-icons.mjs
//
// No image dependency: the SVG's rect and path (M/L/H/V/A/Z only) are
// flattened to polygons and filled with 4x vertical supersampling and exact
// horizontal coverage, then encoded with lib/files/encode-png.ts (Node 22
// strips its types on import).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { encodePng } from "../lib/files/encode-png.ts";

const root = new URL("../", import.meta.url);
const svg = await readFile(new URL("app/icon.svg", root), "utf8");

const VIEW = 32; // the SVG's viewBox is 0 0 32 32
const SUBROWS = 4;
const ARC_STEPS = 24;

function attr(tag, name) {
  const match = svg.match(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`));
  if (!match) throw new Error(`app/icon.svg: no ${name} on <${tag}>`);
  return match[1];
}

function hex(colour) {
  const full = colour.length === 4 ? colour.replace(/\w/g, (c) => c + c) : colour;
  return [1, 3, 5].map((i) => Number.parseInt(full.slice(i, i + 2), 16));
}

/** Points along an SVG arc (endpoint parameterisation, SVG 1.1 F.6.5), excluding the start. */
function arc(x1, y1, rx, ry, degrees, large, sweep, x2, y2) {
  const phi = (degrees * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const xp = cos * dx + sin * dy;
  const yp = -sin * dx + cos * dy;
  let rxs = Math.abs(rx);
  let rys = Math.abs(ry);
  const lambda = (xp * xp) / (rxs * rxs) + (yp * yp) / (rys * rys);
  if (lambda > 1) {
    rxs *= Math.sqrt(lambda);
    rys *= Math.sqrt(lambda);
  }
  const num = rxs * rxs * rys * rys - rxs * rxs * yp * yp - rys * rys * xp * xp;
  const den = rxs * rxs * yp * yp + rys * rys * xp * xp;
  const factor = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (factor * rxs * yp) / rys;
  const cyp = (-factor * rys * xp) / rxs;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const angle = (ux, uy) => Math.atan2(uy, ux);
  const start = angle((xp - cxp) / rxs, (yp - cyp) / rys);
  let delta = angle((-xp - cxp) / rxs, (-yp - cyp) / rys) - start;
  if (!sweep && delta > 0) delta -= 2 * Math.PI;
  if (sweep && delta < 0) delta += 2 * Math.PI;
  const points = [];
  for (let i = 1; i <= ARC_STEPS; i++) {
    const t = start + (delta * i) / ARC_STEPS;
    const ex = rxs * Math.cos(t);
    const ey = rys * Math.sin(t);
    points.push([cos * ex - sin * ey + cx, sin * ex + cos * ey + cy]);
  }
  return points;
}

/** One closed polygon from path data; throws on commands this script doesn't draw. */
function flattenPath(d) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const points = [];
  let x = 0;
  let y = 0;
  let command = "";
  let i = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    const rel = command === command.toLowerCase();
    switch (command.toUpperCase()) {
      case "M":
      case "L": {
        const nx = num();
        const ny = num();
        x = rel ? x + nx : nx;
        y = rel ? y + ny : ny;
        points.push([x, y]);
        break;
      }
      case "H":
        x = rel ? x + num() : num();
        points.push([x, y]);
        break;
      case "V":
        y = rel ? y + num() : num();
        points.push([x, y]);
        break;
      case "A": {
        const [rx, ry, rot, large, sweep, nx, ny] = [num(), num(), num(), num(), num(), num(), num()];
        const ex = rel ? x + nx : nx;
        const ey = rel ? y + ny : ny;
        points.push(...arc(x, y, rx, ry, rot, large, sweep, ex, ey));
        x = ex;
        y = ey;
        break;
      }
      case "Z":
        return points;
      default:
        throw new Error(`app/icon.svg: path command ${command} isn't supported by make-icons`);
    }
  }
  return points;
}

function roundedRect(size, radius) {
  const r = radius;
  return flattenPath(
    `M${r} 0H${size - r}A${r} ${r} 0 0 1 ${size} ${r}V${size - r}A${r} ${r} 0 0 1 ${size - r} ${size}` +
      `H${r}A${r} ${r} 0 0 1 0 ${size - r}V${r}A${r} ${r} 0 0 1 ${r} 0Z`,
  );
}

/** Per-pixel coverage (0..1) of a polygon given in pixel coordinates. */
function coverage(polygon, size) {
  const out = new Float32Array(size * size);
  for (let sub = 0; sub < size * SUBROWS; sub++) {
    const sy = (sub + 0.5) / SUBROWS;
    const row = Math.floor(sub / SUBROWS);
    const xs = [];
    for (let i = 0; i < polygon.length; i++) {
      const [ax, ay] = polygon[i];
      const [bx, by] = polygon[(i + 1) % polygon.length];
      if (ay <= sy === by <= sy) continue;
      xs.push(ax + ((sy - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const x0 = Math.max(0, xs[k]);
      const x1 = Math.min(size, xs[k + 1]);
      for (let px = Math.floor(x0); px < Math.ceil(x1); px++) {
        const covered = Math.min(px + 1, x1) - Math.max(px, x0);
        out[row * size + px] += covered / SUBROWS;
      }
    }
  }
  return out;
}

const orange = hex(attr("rect", "fill"));
const white = hex(attr("path", "fill"));
const cornerRadius = Number(attr("rect", "rx"));
const bubble = flattenPath(attr("path", "d"));
// encodePng writes opaque RGB. The "any" icons need transparent corners, so
// those pixels get a key colour that a tRNS chunk marks transparent. It is the
// orange one step darker in green: blending toward white only raises channels,
// so no drawn pixel can equal it, and a reader that ignores tRNS shows orange
// corners rather than a glaring colour.
const KEY = [orange[0], orange[1] - 1, orange[2]];
if (orange[1] === 0 || white.some((value, c) => value < orange[c])) {
  throw new Error("make-icons: pick another transparency key for these colours");
}

/**
 * fullBleed: orange to the edges (maskable and iOS icons, which the platform
 * crops to its own shape); otherwise the SVG's rounded square on transparency.
 */
async function render(size, { fullBleed }) {
  const scale = size / VIEW;
  const toPixels = (points) => points.map(([x, y]) => [x * scale, y * scale]);
  const square = fullBleed ? null : coverage(toPixels(roundedRect(VIEW, cornerRadius)), size);
  const speech = coverage(toPixels(bubble), size);
  const rgb = new Uint8Array(size * size * 3);
  for (let p = 0; p < size * size; p++) {
    // Transparency is all-or-nothing via tRNS, so the square's edge is thresholded.
    const inside = square === null || square[p] >= 0.5;
    const a = Math.min(1, speech[p]);
    for (let c = 0; c < 3; c++) {
      rgb[p * 3 + c] = inside ? Math.round(orange[c] * (1 - a) + white[c] * a) : KEY[c];
    }
  }
  const png = await encodePng({ width: size, height: size, rgb });
  return fullBleed ? png : withTransparentKey(png);
}

let crcTable;
function crc32(bytes) {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Inserts a tRNS chunk (KEY is transparent) after IHDR, which always ends at byte 33. */
function withTransparentKey(png) {
  const chunk = new Uint8Array(4 + 4 + 6 + 4);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 6);
  chunk.set(
    [..."tRNS"].map((ch) => ch.charCodeAt(0)),
    4,
  );
  KEY.forEach((value, i) => view.setUint16(8 + i * 2, value));
  view.setUint32(14, crc32(chunk.subarray(4, 14)));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, 33));
  out.set(chunk, 33);
  out.set(png.subarray(33), 33 + chunk.length);
  return out;
}

// A maskable icon's content must sit inside the centred circle of radius 40%.
const reach = Math.max(...bubble.map(([x, y]) => Math.hypot(x - VIEW / 2, y - VIEW / 2))) / VIEW;
if (reach > 0.4)
  throw new Error(`the bubble reaches ${(reach * 100).toFixed(1)}% from the centre; maskable needs <= 40%`);

const outputs = [
  ["public/icons/icon-192.png", 192, { fullBleed: false }],
  ["public/icons/icon-512.png", 512, { fullBleed: false }],
  ["public/icons/icon-maskable-512.png", 512, { fullBleed: true }],
  // Next serves app/apple-icon.png as <link rel="apple-touch-icon">; iOS wants
  // 180px, opaque, and rounds the corners itself.
  ["app/apple-icon.png", 180, { fullBleed: true }],
];
await mkdir(new URL("public/icons/", root), { recursive: true });
for (const [path, size, options] of outputs) {
  const png = await render(size, options);
  await writeFile(new URL(path, root), png);
  console.log(`${path}  ${size}x${size}  ${png.length} bytes`);
}
