"use client";

import { type CSSProperties, type RefObject, useEffect, useRef, useState } from "react";
import type { HighlightedLine } from "./code-highlighter";

interface CodeBlockProps {
  code: string;
  language: string;
  /** While the reply streams the code changes every token; highlighting waits until it settles. */
  streaming: boolean;
}

// `typeof window` is compiled to a constant by Next, so the server bundle never references Shiki.
const loadHighlighter = typeof window === "undefined" ? null : () => import("./highlight-client");

/** A fenced code block: plain text at once (and on the server), colours once Shiki has loaded. */
export function CodeBlock({ code, language, streaming }: CodeBlockProps) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNearViewport(box);
  const lines = useHighlightedLines(code, language, streaming || !near);
  return (
    <div
      ref={box}
      className="group/code my-3 overflow-hidden rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 px-3 py-1 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
        <span className="font-mono">{language || "text"}</span>
        <CopyButton code={code} />
      </div>
      <pre className="overflow-x-auto p-3 font-mono text-[13px] leading-6">
        <code data-language={language || undefined}>
          {lines
            ? lines.map((line, i) => (
                // Lines are positional and never reorder, so the index is a stable key.
                <span key={i} className="block min-h-6">
                  {line.map((token) => (
                    <span
                      key={token.offset}
                      className="text-[var(--shiki-light)] dark:text-[var(--shiki-dark)]"
                      style={token.htmlStyle as CSSProperties | undefined}
                    >
                      {token.content}
                    </span>
                  ))}
                </span>
              ))
            : code}
        </code>
      </pre>
    </div>
  );
}

/** Highlighting starts this far ahead of the scroll position, so colours are there when a block comes into view. */
const HIGHLIGHT_AHEAD = "1000px 0px";

/**
 * True once the element has come within HIGHLIGHT_AHEAD of the visible part of the chat. A long
 * chat has hundreds of code blocks; highlighting them all on open fills the main thread with
 * coloured spans nobody is looking at, just when the person starts typing.
 */
function useNearViewport(element: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const target = element.current;
    if (near || !target) return;
    if (typeof IntersectionObserver === "undefined") {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      // The message list scrolls itself, so it is the root the margin applies to.
      { root: target.closest("[data-chat-scroller]"), rootMargin: HIGHLIGHT_AHEAD },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, near]);
  return near;
}

function useHighlightedLines(code: string, language: string, waiting: boolean): HighlightedLine[] | null {
  const [result, setResult] = useState<{ code: string; lines: HighlightedLine[] } | null>(null);
  useEffect(() => {
    if (waiting || !language || !loadHighlighter) return;
    let live = true;
    loadHighlighter()
      .then(({ highlight }) => highlight(code, language))
      .then((lines) => {
        if (live && lines) setResult({ code, lines });
      })
      .catch(() => {
        // Highlighting is cosmetic: on any failure the plain text stays.
      });
    return () => {
      live = false;
    };
  }, [code, language, waiting]);
  // Never show colours for stale text: while the code changes, plain text is the truth.
  return result && result.code === code ? result.lines : null;
}

const COPIED_MS = 2000;

function CopyButton({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      return; // No clipboard permission: claiming "Copied" would be a lie.
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), COPIED_MS);
  }
  return (
    <button
      type="button"
      onClick={copy}
      className="rounded px-2 py-0.5 text-zinc-600 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-zinc-500 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
    >
      <span aria-live="polite">{copied ? "Copied" : "Copy code"}</span>
    </button>
  );
}
