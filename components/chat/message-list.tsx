"use client";

import type { ChatStatus } from "ai";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import type { CatalogModel } from "@/lib/ai/catalog";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { MessageRow } from "./message-row";
import type { AnswerApproval } from "./tool-call";
import type { OlderMessages } from "./use-older-messages";

/** Within this many pixels of the bottom counts as "following" the stream. */
const STICK_THRESHOLD_PX = 80;
/** Start fetching older messages a little before the reader reaches the top. */
const LOAD_OLDER_MARGIN = "400px 0px 0px 0px";

export interface MessageListProps {
  messages: ChatMessage[];
  status: ChatStatus;
  older: OlderMessages;
  /** For the model names in reply footers. */
  models: readonly CatalogModel[];
  onAnswerApproval: AnswerApproval;
}

export function MessageList({ messages, status, older, models, onAnswerApproval }: MessageListProps) {
  const modelNames = useMemo(() => new Map(models.map((model) => [model.id, model.name])), [models]);
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  // What the top of the list looked like before older messages were put in front.
  const anchor = useRef<{ firstId: string | undefined; scrollHeight: number }>({ firstId: undefined, scrollHeight: 0 });

  // Older messages arrived above: keep the reader's view where it was instead of jumping.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const firstId = messages[0]?.id;
    if (anchor.current.firstId !== undefined && firstId !== anchor.current.firstId && !following.current) {
      element.scrollTop += element.scrollHeight - anchor.current.scrollHeight;
    }
    anchor.current = { firstId, scrollHeight: element.scrollHeight };
  });

  // Stick to the bottom while streaming unless the reader scrolled up.
  useEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  });

  const { hasOlder, loadOlder } = older;
  useEffect(() => {
    const sentinel = topSentinel.current;
    const root = scroller.current;
    if (!sentinel || !root || !hasOlder) return;
    const observer = new IntersectionObserver(
      (entries) => {
        // Not while following the bottom: a short first page mustn't pull in the whole chat at once.
        if (entries.some((entry) => entry.isIntersecting) && !following.current) void loadOlder();
      },
      { root, rootMargin: LOAD_OLDER_MARGIN },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasOlder, loadOlder]);

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    following.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_THRESHOLD_PX;
    if (element.scrollTop === 0 && hasOlder) void loadOlder();
  }

  const lastIndex = messages.length - 1;
  return (
    <div ref={scroller} onScroll={onScroll} className="flex-1 overflow-y-auto">
      {/* The log is polite and not atomic, so screen readers hear new text, not the whole history. */}
      <div
        role="log"
        aria-label="Messages"
        aria-live="polite"
        aria-busy={older.loading}
        className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6"
      >
        {hasOlder && (
          <div ref={topSentinel} className="flex justify-center">
            <button
              type="button"
              onClick={() => void loadOlder()}
              disabled={older.loading}
              className="rounded-lg px-3 py-1.5 text-sm text-zinc-500 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-900"
            >
              {older.loading ? "Loading earlier messages…" : "Load earlier messages"}
            </button>
          </div>
        )}
        {older.error && (
          <p role="alert" className="text-center text-red-700 text-sm dark:text-red-400">
            {older.error}
          </p>
        )}
        {messages.length === 0 && (
          <p className="mt-24 text-center text-zinc-500 dark:text-zinc-400">Ask anything to start a conversation.</p>
        )}
        {messages.map((message, index) => (
          <MessageRow
            key={message.id}
            message={message}
            modelName={
              message.metadata?.model ? (modelNames.get(message.metadata.model) ?? message.metadata.model) : undefined
            }
            streaming={index === lastIndex && status === "streaming" && message.role === "assistant"}
            onAnswerApproval={onAnswerApproval}
          />
        ))}
        {status === "submitted" && (
          <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
            <span className="inline-block animate-pulse">Thinking…</span>
          </p>
        )}
      </div>
    </div>
  );
}
