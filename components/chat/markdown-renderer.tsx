"use client";

import { type ComponentProps, memo, Suspense, use, useMemo } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import remend from "remend";
import { CodeBlock } from "./code-block";
import { MarkdownImage, MarkdownLink, urlTransform } from "./markdown-links";
import { loadMathPlugins, type MathPlugins, mayContainMath } from "./markdown-math-loader";

interface MarkdownProps {
  text: string;
  /** True while this text part is still arriving. */
  streaming?: boolean;
}

/**
 * Renders an assistant text part as GitHub-flavoured markdown. Raw HTML in the text is shown as
 * text (react-markdown escapes it without rehype-raw), links are limited to http(s)/mailto.
 * Memoized on (text, streaming): a finished part never re-parses; while streaming only the last
 * part changes.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: MarkdownProps) {
  // remend closes what the stream has left open (`**bold`, `[link](ht`, `$$x`) so half-typed
  // markup never flashes as raw symbols; applied to finished text too, so nothing jumps at the end.
  const source = useMemo(() => remend(text), [text]);
  const body = <MarkdownBody source={source} streaming={streaming} math={null} />;
  if (!mayContainMath(source)) return body;
  // Until KaTeX arrives the text renders without math, so streaming never stalls on it.
  return (
    <Suspense fallback={body}>
      <MathMarkdownBody source={source} streaming={streaming} />
    </Suspense>
  );
});

function MathMarkdownBody({ source, streaming }: { source: string; streaming: boolean }) {
  const math = use(loadMathPlugins());
  return <MarkdownBody source={source} streaming={streaming} math={math} />;
}

const remarkPlugins: NonNullable<Options["remarkPlugins"]> = [remarkGfm];

function MarkdownBody({ source, streaming, math }: { source: string; streaming: boolean; math: MathPlugins | null }) {
  return (
    <div className={PROSE}>
      <ReactMarkdown
        remarkPlugins={math ? [...remarkPlugins, ...math.remark] : remarkPlugins}
        rehypePlugins={math?.rehype}
        components={streaming ? streamingComponents : doneComponents}
        urlTransform={urlTransform}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}

type HastNode = NonNullable<ExtraProps["node"]>["children"][number];

function textOf(node: HastNode): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** Fenced code arrives as <pre><code class="language-x">; swap the whole thing for CodeBlock. */
function preFor(streaming: boolean) {
  return function Pre({ node }: ComponentProps<"pre"> & ExtraProps) {
    const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
    if (!code || code.type !== "element") return null;
    const classes = code.properties.className;
    const languageClass = Array.isArray(classes)
      ? classes.find((c): c is string => typeof c === "string" && c.startsWith("language-"))
      : undefined;
    const language = languageClass?.slice("language-".length) ?? "";
    return <CodeBlock code={textOf(code).replace(/\n$/, "")} language={language} streaming={streaming} />;
  };
}

// Two stable maps instead of one built per render, so react-markdown's children keep identity.
const baseComponents: Components = { a: MarkdownLink, img: MarkdownImage };
const streamingComponents: Components = { ...baseComponents, pre: preFor(true) };
const doneComponents: Components = { ...baseComponents, pre: preFor(false) };

// Element styles live here (no typography plugin): `dark:` variants follow whatever dark mode the
// app configures, media query or class.
const PROSE = [
  "min-w-0 break-words",
  "[&>*:first-child]:mt-0 [&>*:last-child]:mb-0",
  "[&_p]:my-3",
  "[&_h1]:mt-6 [&_h1]:mb-3 [&_h1]:text-2xl [&_h1]:font-semibold",
  "[&_h2]:mt-6 [&_h2]:mb-3 [&_h2]:text-xl [&_h2]:font-semibold",
  "[&_h3]:mt-5 [&_h3]:mb-2 [&_h3]:text-lg [&_h3]:font-semibold",
  "[&_h4]:mt-4 [&_h4]:mb-2 [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6",
  "[&_li]:my-1 [&_li>ul]:my-1 [&_li>ol]:my-1",
  "[&_ul.contains-task-list]:list-none [&_ul.contains-task-list]:pl-1 [&_.task-list-item>input]:mr-2 [&_.task-list-item>input]:align-middle",
  "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-4 [&_blockquote]:text-zinc-600",
  "dark:[&_blockquote]:border-zinc-700 dark:[&_blockquote]:text-zinc-400",
  "[&_hr]:my-6 [&_hr]:border-zinc-200 dark:[&_hr]:border-zinc-800",
  "[&_del]:text-zinc-500 dark:[&_del]:text-zinc-400",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100 [&_:not(pre)>code]:px-1.5 [&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-[0.875em]",
  "dark:[&_:not(pre)>code]:bg-zinc-800",
  "[&_table]:my-3 [&_table]:block [&_table]:max-w-full [&_table]:overflow-x-auto [&_table]:border-collapse [&_table]:text-sm",
  "[&_th]:border [&_th]:border-zinc-200 [&_th]:bg-zinc-50 [&_th]:px-3 [&_th]:py-1.5 [&_th]:text-left [&_th]:font-semibold",
  "[&_td]:border [&_td]:border-zinc-200 [&_td]:px-3 [&_td]:py-1.5",
  "dark:[&_th]:border-zinc-800 dark:[&_th]:bg-zinc-900 dark:[&_td]:border-zinc-800",
  "[&_.katex-display]:my-3 [&_.katex-display]:overflow-x-auto",
  "[&_section.footnotes]:mt-6 [&_section.footnotes]:border-t [&_section.footnotes]:border-zinc-200 [&_section.footnotes]:pt-3 [&_section.footnotes]:text-sm",
  "dark:[&_section.footnotes]:border-zinc-800",
].join(" ");
