"use client";

import { lazy, memo, Suspense } from "react";
import { PROSE } from "./markdown-prose";
import type { MarkdownProps } from "./markdown-renderer";

/** The renderer (react-markdown, remark-gfm, …: ~45 KB gzip) is its own chunk, off the first load. */
const loadRenderer = () => import("./markdown-renderer");
const MarkdownRenderer = lazy(() => loadRenderer().then((mod) => ({ default: mod.MarkdownRenderer })));

/** Starts fetching the markdown renderer (when the browser is idle after a chat opens). */
export function preloadMarkdown(): void {
  void loadRenderer();
}

/**
 * An assistant text part as markdown (see markdown-renderer.tsx). Server HTML is already rendered
 * markdown, so hydration simply waits for the renderer's chunk; on a client-only mount before the
 * chunk has arrived the text shows as plain paragraphs for that moment.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: MarkdownProps) {
  return (
    <Suspense
      fallback={
        <div className={`${PROSE} whitespace-pre-wrap`} aria-busy="true">
          {text}
        </div>
      }
    >
      <MarkdownRenderer text={text} streaming={streaming} />
    </Suspense>
  );
});
