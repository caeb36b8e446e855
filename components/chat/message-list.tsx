"use client";

import type { ChatStatus } from "ai";
import { useEffect, useRef } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { MessageRow } from "./message-row";

/** Within this many pixels of the bottom counts as "following" the stream. */
const STICK_THRESHOLD_PX = 80;

export function MessageList({ messages, status }: { messages: ChatMessage[]; status: ChatStatus }) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);

  // Stick to the bottom while streaming unless the reader scrolled up.
  useEffect(() => {
    const element = scroller.current;
    if (element && following.current) element.scrollTop = element.scrollHeight;
  });

  function onScroll() {
    const element = scroller.current;
    if (!element) return;
    following.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_THRESHOLD_PX;
  }

  const lastIndex = messages.length - 1;
  return (
    <div ref={scroller} onScroll={onScroll} className="flex-1 overflow-y-auto">
      {/* The log is polite and not atomic, so screen readers hear new text, not the whole history. */}
      <div
        role="log"
        aria-label="Messages"
        aria-live="polite"
        className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-4 py-6"
      >
        {messages.length === 0 && (
          <p className="mt-24 text-center text-zinc-500 dark:text-zinc-400">Ask anything to start a conversation.</p>
        )}
        {messages.map((message, index) => (
          <MessageRow
            key={message.id}
            message={message}
            streaming={index === lastIndex && status === "streaming" && message.role === "assistant"}
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
