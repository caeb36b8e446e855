"use client";

import { useEffect, useState } from "react";

/**
 * At most this much new text is rendered per frame (~200 tokens, so ~12,000 tokens/s at 60 Hz,
 * far above any model). Parsing and laying out markdown costs in proportion to the new text; when
 * a reply arrives faster than that (a burst after a slow network, the offline stand-in at full
 * speed), rendering it all at once would freeze the page for hundreds of milliseconds. The rest
 * follows over the next frames. 1,500 still gave frames of 50-100 ms on this 2-core VM.
 */
export const REVEAL_CHARS_PER_FRAME = 1000;

/**
 * The part of `text` to render now: everything it had when first rendered, then growth of up to
 * REVEAL_CHARS_PER_FRAME per animation frame until it has caught up. `revealing` is true while
 * some of the text is still held back.
 */
export function useRevealedText(text: string): { shown: string; revealing: boolean } {
  const [length, setLength] = useState(text.length);
  const behind = length < text.length;
  useEffect(() => {
    if (!behind) return;
    const frame = requestAnimationFrame(() => setLength((now) => now + REVEAL_CHARS_PER_FRAME));
    return () => cancelAnimationFrame(frame);
  }, [behind, length]);
  if (!behind) return { shown: text, revealing: false };
  return { shown: text.slice(0, length), revealing: true };
}
