"use client";

import { type ComponentProps, memo, useMemo, useRef } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import remend from "remend";
import { CodeBlock } from "./code-block";
import { extendMarkdownBlocks, type MarkdownBlocks } from "./markdown-blocks";
import { fencedCodeOf } from "./markdown-code";
import { MarkdownImage, MarkdownLink, urlTransform } from "./markdown-links";
import { remarkMathPlugins } from "./markdown-math";
import { PROSE } from "./markdown-prose";
import { MathFormula } from "./math-formula";
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
 * part changes. Formulas are parsed here and rendered to MathML by KaTeX in a worker
 * (math-formula.tsx), which keeps KaTeX off the page's thread and out of the chat pages' server
 * bundle; share pages render math on the server instead (components/share/server-markdown.tsx).
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
  return <MarkdownBody blocks={mended} streaming={streaming || revealing} revealing={revealing} />;
});

const remarkPlugins: NonNullable<Options["remarkPlugins"]> = [remarkGfm, ...remarkMathPlugins];

function MarkdownBody({ blocks, streaming, revealing }: { blocks: string[]; streaming: boolean; revealing: boolean }) {
  return (
    <div className={PROSE} aria-busy={revealing || undefined}>
      {blocks.map((block, index) => (
        // Blocks only grow at the end while streaming, so positions are stable keys. Only the last
        // block is still streaming: earlier code blocks are final and may be highlighted already.
        <MarkdownBlock key={index} source={block} streaming={streaming && index === blocks.length - 1} />
      ))}
    </div>
  );
}

/** One top-level block; memoized, so a finished block is parsed once however long the reply gets. */
const MarkdownBlock = memo(function MarkdownBlock({ source, streaming }: { source: string; streaming: boolean }) {
  // react-markdown renders a fragment, so the blocks' elements are direct children of the prose div.
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      components={streaming ? streamingComponents : doneComponents}
      urlTransform={urlTransform}
    >
      {source}
    </ReactMarkdown>
  );
});

/**
 * Fenced code arrives as <pre><code class="language-x">; swap the whole thing for CodeBlock. A `$$`
 * block (and a ```math fence) arrives the same way, as language "math".
 */
function preFor(streaming: boolean) {
  return function Pre({ node }: ComponentProps<"pre"> & ExtraProps) {
    const fenced = fencedCodeOf(node);
    if (fenced?.language === "math") return <MathFormula tex={fenced.code} display />;
    return fenced && <CodeBlock code={fenced.code} language={fenced.language} streaming={streaming} />;
  };
}

/** Inline code; `$$x$$` within a line arrives as <code class="language-math math-inline">. */
function InlineCode({ node: _node, className, children, ...props }: ComponentProps<"code"> & ExtraProps) {
  if (className?.split(" ").includes("math-inline"))
    return <MathFormula tex={String(children ?? "")} display={false} />;
  return (
    <code className={className} {...props}>
      {children}
    </code>
  );
}

// Two stable maps instead of one built per render, so react-markdown's children keep identity.
const baseComponents: Components = { a: MarkdownLink, img: MarkdownImage, code: InlineCode };
const streamingComponents: Components = { ...baseComponents, pre: preFor(true) };
const doneComponents: Components = { ...baseComponents, pre: preFor(false) };
