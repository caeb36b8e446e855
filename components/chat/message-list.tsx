"use client";

import type { ChatStatus } from "ai";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { CatalogModel } from "@/lib/ai/catalog";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { BranchVersion } from "@/lib/db/versions";
import { ExamplePrompts } from "./example-prompts";
import type { OnMessageAction } from "./message-actions";
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
  versions: readonly BranchVersion[];
  /** An earlier version being looked at instead of the live branch after `parentId`. */
  viewing: { parentId: string; version: number } | null;
  onAction: OnMessageAction;
  onEdit(message: ChatMessage, text: string): void;
  onBackToLatest(): void;
  onExample(text: string): void;
}

/** The messages shown: the live conversation, or its start plus an earlier branch being looked at. */
function displayedMessages(
  messages: ChatMessage[],
  versionsByParent: Map<string, BranchVersion[]>,
  viewing: MessageListProps["viewing"],
): { shown: ChatMessage[]; readOnlyFrom: number } {
  if (!viewing) return { shown: messages, readOnlyFrom: messages.length };
  const branch = versionsByParent.get(viewing.parentId)?.[viewing.version - 1];
  const parentIndex = viewing.parentId === "" ? -1 : messages.findIndex((message) => message.id === viewing.parentId);
  if (!branch || (viewing.parentId !== "" && parentIndex === -1))
    return { shown: messages, readOnlyFrom: messages.length };
  return { shown: [...messages.slice(0, parentIndex + 1), ...branch.messages], readOnlyFrom: parentIndex + 1 };
}

export function MessageList({
  messages,
  status,
  older,
  models,
  onAnswerApproval,
  versions,
  viewing,
  onAction,
  onEdit,
  onBackToLatest,
  onExample,
}: MessageListProps) {
  const [atBottom, setAtBottom] = useState(true);
  const versionsByParent = useMemo(() => {
    const byParent = new Map<string, BranchVersion[]>();
    for (const version of versions)
      byParent.set(version.parentId, [...(byParent.get(version.parentId) ?? []), version]);
    return byParent;
  }, [versions]);
  const { shown, readOnlyFrom } = displayedMessages(messages, versionsByParent, viewing);
  const busy = status === "submitted" || status === "streaming";
  const modelNames = useMemo(() => new Map(models.map((model) => [model.id, model.name])), [models]);
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const lastScrollTop = useRef(0);
  const log = useRef<HTMLDivElement>(null);
  // The first message's row, to keep the reader's place when older messages are put in front of it.
  const anchor = useRef<{ firstId: string | undefined; row: Element | null }>({ firstId: undefined, row: null });

  // Older messages arrived above: keep the reader's view where it was instead of jumping. Layout is
  // read only when the first message changed, never on a streaming render (a forced layout of the
  // whole history per token batch).
  const firstId = messages[0]?.id;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || firstId === anchor.current.firstId) return;
    const previous = anchor.current.row;
    const row = element.querySelector('[role="log"] > article');
    // The old first row moved down by exactly what was put above it.
    if (previous?.isConnected && row && row !== previous && !following.current) {
      element.scrollTop += previous.getBoundingClientRect().top - row.getBoundingClientRect().top;
    }
    anchor.current = { firstId, row };
  }, [firstId]);

  // Stick to the bottom while streaming unless the reader scrolled up. Watched as a size change of the
  // log, not per render: a reply's text also grows in frames of its own (use-revealed-text.ts), and the
  // observer runs after layout instead of forcing one.
  useEffect(() => {
    const element = scroller.current;
    const content = log.current;
    if (!element || !content) return;
    const observer = new ResizeObserver(() => {
      if (following.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

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
    const nearBottom = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_THRESHOLD_PX;
    // Text growing below the view between our scroll and this event is not the reader leaving: only
    // scrolling up stops following.
    const scrolledUp = element.scrollTop < lastScrollTop.current;
    lastScrollTop.current = element.scrollTop;
    if (nearBottom) following.current = true;
    else if (scrolledUp) following.current = false;
    if (following.current !== atBottom) setAtBottom(following.current);
    if (element.scrollTop === 0 && hasOlder) void loadOlder();
  }

  function jumpToLatest() {
    const element = scroller.current;
    if (!element) return;
    following.current = true;
    setAtBottom(true);
    element.scrollTo({ top: element.scrollHeight, behavior: "smooth" });
  }

  const lastIndex = shown.length - 1;
  return (
    <div ref={scroller} onScroll={onScroll} data-chat-scroller="" className="relative flex-1 overflow-y-auto">
      {/* The log is polite and not atomic, so screen readers hear new text, not the whole history. */}
      <div
        ref={log}
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
        {messages.length === 0 && <ExamplePrompts onPick={onExample} />}
        {shown.map((message, index) => {
          const parentId = shown[index - 1]?.id ?? "";
          const earlier = versionsByParent.get(parentId);
          // The switcher sits on the first message of a branch that has versions (live rows, or the branch being viewed).
          const hasSwitcher = earlier !== undefined && index <= readOnlyFrom;
          const total = (earlier?.length ?? 0) + 1;
          const readOnly = index >= readOnlyFrom;
          return (
            <MessageRow
              key={message.id}
              message={message}
              modelName={
                message.metadata?.model ? (modelNames.get(message.metadata.model) ?? message.metadata.model) : undefined
              }
              streaming={index === lastIndex && status === "streaming" && message.role === "assistant"}
              onAnswerApproval={readOnly ? undefined : onAnswerApproval}
              onAction={onAction}
              onEdit={readOnly || busy ? undefined : onEdit}
              versionParentId={hasSwitcher ? parentId : undefined}
              versionCurrent={hasSwitcher ? (viewing?.parentId === parentId ? viewing.version : total) : undefined}
              versionTotal={hasSwitcher ? total : undefined}
              canRegenerate={!readOnly && !busy && index === lastIndex && message.role === "assistant"}
              canEdit={!readOnly && !busy && message.role === "user"}
            />
          );
        })}
        {viewing && (
          <p
            role="status"
            className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-900"
          >
            You're looking at an earlier version; it isn't part of the conversation any more.
            <button type="button" onClick={onBackToLatest} className="font-medium underline">
              Back to the latest
            </button>
          </p>
        )}
        {status === "submitted" && (
          <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
            <span className="inline-block animate-pulse">Thinking…</span>
          </p>
        )}
      </div>
      {!atBottom && shown.length > 0 && (
        <button
          type="button"
          onClick={jumpToLatest}
          className="sticky bottom-3 left-1/2 z-10 -translate-x-1/2 rounded-full border border-zinc-300 bg-white px-3 py-1.5 text-sm shadow-md hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          ↓ Jump to latest
        </button>
      )}
    </div>
  );
}
