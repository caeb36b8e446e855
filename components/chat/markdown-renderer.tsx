"use client";

import { type ComponentProps, memo, useMemo, useRef } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import remend from "remend";
import { CodeBlock } from "./code-block";
import { extendMarkdownBlocks, type MarkdownBlocks } from "./markdown-blocks";
import { fencedCodeOf } from "./markdown-code";
import { MarkdownImage, MarkdownLink, urlTransform } from "./markdown-links";
import { type MathPlugins, mayContainMath, useMathPlugins } from "./markdown-math-loader";
import { PROSE } from "./markdown-prose";
import { useRevealedText } from "./use-revealed-text";

export interface MarkdownProps {
  text: string;
  /** True while this text part is still arriving. */
  streaming?: boolean;
}

/**
 * Renders an assistant text part as GitHub-flavoured markdown. Raw HTML in the text is shown as
 * text (react-markdown escapes it without rehype-raw), links are limited to http(s)/mailto.
 * Memoized on (text, streaming): a finished part never re-parses; while streaming only the last
 * part changes. Math is rendered in the browser only (KaTeX loads when a reply has `$$`), which
 * keeps KaTeX out of the chat pages' server bundle; share pages render math on the server instead
 * (components/share/server-markdown.tsx).
 */
export const MarkdownRenderer = memo(function MarkdownRenderer({ text, streaming = false }: MarkdownProps) {
  // A burst of text is rendered over several frames; until it has all been shown it counts as streaming.
  const { shown, revealing } = useRevealedText(text);
  // Split into blocks reusing the last frame's split, so a frame costs in proportion to the reply's end.
  const lastSplit = useRef<MarkdownBlocks | null>(null);
  const blocks = useMemo(() => {
    // A cache of a pure function of `shown`: a discarded render leaves nothing wrong behind.
    lastSplit.current = extendMarkdownBlocks(lastSplit.current, shown);
    return lastSplit.current.blocks;
  }, [shown]);
  // remend closes what the stream has left open (`**bold`, `[link](ht`, `$$x`) so half-typed
  // markup never flashes as raw symbols; applied to finished text too, so nothing jumps at the end.
  // Only the last block can be open (inline markup ends at a blank line; fences and `$$` stay in one
  // block), so only it is mended.
  const mended = useMemo(
    () => blocks.map((block, index) => (index === blocks.length - 1 ? remend(block) : block)),
    [blocks],
  );
  // Until KaTeX arrives the text renders without math, so streaming never stalls on it.
  const math = useMathPlugins(mayContainMath(shown));
  return <MarkdownBody blocks={mended} streaming={streaming || revealing} revealing={revealing} math={math} />;
});

const remarkPlugins: NonNullable<Options["remarkPlugins"]> = [remarkGfm];

function MarkdownBody({
  blocks,
  streaming,
  revealing,
  math,
}: {
  blocks: string[];
  streaming: boolean;
  revealing: boolean;
  math: MathPlugins | null;
}) {
  return (
    <div className={PROSE} aria-busy={revealing || undefined}>
      {blocks.map((block, index) => (
        // Blocks only grow at the end while streaming, so positions are stable keys. Only the last
        // block is still streaming: earlier code blocks are final and may be highlighted already.
        // Only blocks with `$$` take the math plugins: when KaTeX arrives mid-stream the others keep
        // their props and are not parsed again.
        <MarkdownBlock
          key={index}
          source={block}
          streaming={streaming && index === blocks.length - 1}
          math={math && mayContainMath(block) ? math : null}
        />
      ))}
    </div>
  );
}

/** One top-level block; memoized, so a finished block is parsed once however long the reply gets. */
const MarkdownBlock = memo(function MarkdownBlock({
  source,
  streaming,
  math,
}: {
  source: string;
  streaming: boolean;
  math: MathPlugins | null;
}) {
  // react-markdown renders a fragment, so the blocks' elements are direct children of the prose div.
  return (
    <ReactMarkdown
      remarkPlugins={math ? [...remarkPlugins, ...math.remark] : remarkPlugins}
      rehypePlugins={math?.rehype}
      components={streaming ? streamingComponents : doneComponents}
      urlTransform={urlTransform}
    >
      {source}
    </ReactMarkdown>
  );
});

/** Fenced code arrives as <pre><code class="language-x">; swap the whole thing for CodeBlock. */
function preFor(streaming: boolean) {
  return function Pre({ node }: ComponentProps<"pre"> & ExtraProps) {
    const fenced = fencedCodeOf(node);
    return fenced && <CodeBlock code={fenced.code} language={fenced.language} streaming={streaming} />;
  };
}

// Two stable maps instead of one built per render, so react-markdown's children keep identity.
const baseComponents: Components = { a: MarkdownLink, img: MarkdownImage };
const streamingComponents: Components = { ...baseComponents, pre: preFor(true) };
const doneComponents: Components = { ...baseComponents, pre: preFor(false) };
