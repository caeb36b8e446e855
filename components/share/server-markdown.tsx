import type { ComponentProps } from "react";
import ReactMarkdown, { type Components, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";
import remend from "remend";
import { CodeBlock } from "@/components/chat/code-block";
import { fencedCodeOf } from "@/components/chat/markdown-code";
import { MarkdownImage, MarkdownLink, urlTransform } from "@/components/chat/markdown-links";
import { remarkMathPlugins } from "@/components/chat/markdown-math";
import { PROSE } from "@/components/chat/markdown-prose";
import { rehypeMathPlugins } from "./server-math";

/**
 * A finished reply rendered to HTML on the server (a React Server Component), for share pages:
 * the markdown parser and KaTeX never reach the visitor's browser. Same rules as the chat's
 * renderer: raw HTML stays text, only http(s)/mailto links are live, images become links. Math is
 * KaTeX MathML, which browsers lay out natively. Code blocks are the chat's CodeBlock island (copy
 * button, colours loaded lazily), so the page's own first-load JS stays a few KB.
 */
export function ServerMarkdown({ text }: { text: string }) {
  return (
    <div className={PROSE}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, ...remarkMathPlugins]}
        rehypePlugins={rehypeMathPlugins}
        components={components}
        urlTransform={urlTransform}
      >
        {remend(text)}
      </ReactMarkdown>
    </div>
  );
}

function Pre({ node }: ComponentProps<"pre"> & ExtraProps) {
  const fenced = fencedCodeOf(node);
  return fenced && <CodeBlock code={fenced.code} language={fenced.language} streaming={false} />;
}

const components: Components = { a: MarkdownLink, img: MarkdownImage, pre: Pre };
