/**
 * The Open Graph picture for a shared chat, drawn with the pixel font and
 * encoded by our own PNG encoder: next/og (satori + resvg wasm) would not fit
 * the Worker's size budget.
 */

import { encodePng } from "@/lib/files/encode-png";
import { charsThatFit, drawText, GLYPH_HEIGHT, toFontText } from "./bitmap-font";
import { createCanvas, fillRect, hexColor } from "./preview-canvas";
import { wrapText } from "./preview-wrap";

export interface SharePreviewInput {
  title: string;
  /** E.g. the first user message. */
  subtitle: string;
  /** E.g. "Workers AI Chat · shared conversation". */
  footer: string;
}

/** The size Slack, Discord and X expect for a large link preview. */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;

const BACKGROUND = hexColor("#18181b");
const BRAND = hexColor("#c2410c");
const TITLE_COLOR = hexColor("#fafafa");
const SUBTITLE_COLOR = hexColor("#a1a1aa");
const FOOTER_COLOR = hexColor("#d4d4d8");

const MARGIN_X = 72;
const ACCENT_HEIGHT = 12;
const TEXT_WIDTH = PREVIEW_WIDTH - 2 * MARGIN_X;
/** Blank font pixels between lines, on top of the glyph height. */
const LEADING = 3;

// Scales are picked for thumbnails: unfurls show the image at roughly a third
// of its size, where title scale 7 is still ~15px capitals and subtitle 4 ~9px.
const TITLE = { scale: 7, maxLines: 3, top: ACCENT_HEIGHT + 64 } as const;
const SUBTITLE = { scale: 4, maxLines: 3, gap: 36 } as const;
const FOOTER = { scale: 3, bottom: 56 } as const;

// Enough collapsed text to fill every line with room to spare, so wrapText can
// still tell there is more; the rest is never looked at.
const MAX_INPUT_CHARS = 1000;

/** Maps text onto the font first, so wrapping counts the glyphs actually drawn. */
function prepare(text: string): string {
  return toFontText(text.replace(/\s+/g, " ").slice(0, MAX_INPUT_CHARS));
}

function lineHeight(scale: number): number {
  return (GLYPH_HEIGHT + LEADING) * scale;
}

export async function renderSharePreview(input: SharePreviewInput): Promise<Uint8Array> {
  const canvas = createCanvas(PREVIEW_WIDTH, PREVIEW_HEIGHT, BACKGROUND);
  fillRect(canvas, 0, 0, PREVIEW_WIDTH, ACCENT_HEIGHT, BRAND);

  let y = TITLE.top;
  const titleLines = wrapText(prepare(input.title), charsThatFit(TEXT_WIDTH, TITLE.scale), TITLE.maxLines);
  for (const line of titleLines) {
    drawText(canvas, line, MARGIN_X, y, TITLE.scale, TITLE_COLOR);
    y += lineHeight(TITLE.scale);
  }

  if (titleLines.length > 0) y += SUBTITLE.gap;
  const subtitleLines = wrapText(prepare(input.subtitle), charsThatFit(TEXT_WIDTH, SUBTITLE.scale), SUBTITLE.maxLines);
  for (const line of subtitleLines) {
    drawText(canvas, line, MARGIN_X, y, SUBTITLE.scale, SUBTITLE_COLOR);
    y += lineHeight(SUBTITLE.scale);
  }

  // Footer: a brand-coloured square as a mark, then one line of text beside it.
  const capHeight = (GLYPH_HEIGHT - 1) * FOOTER.scale;
  const footerY = PREVIEW_HEIGHT - FOOTER.bottom - capHeight;
  fillRect(canvas, MARGIN_X, footerY, capHeight, capHeight, BRAND);
  const footerX = MARGIN_X + capHeight + 4 * FOOTER.scale;
  const [footerLine] = wrapText(
    prepare(input.footer),
    charsThatFit(PREVIEW_WIDTH - MARGIN_X - footerX, FOOTER.scale),
    1,
  );
  if (footerLine) drawText(canvas, footerLine, footerX, footerY, FOOTER.scale, FOOTER_COLOR);

  return encodePng({ width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, rgb: canvas.rgb });
}
