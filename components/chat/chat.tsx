"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useMemo, useState } from "react";
import { useChatHistory } from "@/components/sidebar/chat-history-provider";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { fallbackTitle } from "@/lib/chat/fallback-title";
import { ChatError } from "./chat-error";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { OfflineNotice } from "./offline-notice";
import { readChatError } from "./read-chat-error";
import { useOlderMessages } from "./use-older-messages";

export interface ChatProps {
  chatId: string;
  /** The stored title; "New chat" before the first message. */
  title: string;
  /** The latest page of the chat's messages. */
  initialMessages: ChatMessage[];
  /** Whether older messages than `initialMessages` exist on the server. */
  hasOlder: boolean;
  modelId: string;
  modelName: string;
  /** The server already knows it will answer offline. */
  offline: boolean;
}

/** Renders at most ~20 times a second while streaming; enough to look live, cheap on long replies. */
const STREAM_THROTTLE_MS = 50;

export function Chat({ chatId, title, initialMessages, hasOlder, modelId, modelName, offline }: ChatProps) {
  const [draft, setDraft] = useState("");
  const history = useChatHistory();
  const { touch, setTitle, setDrawerOpen } = history;
  const currentTitle = history.chats.find((chat) => chat.id === chatId)?.title ?? title;

  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        // Only the new message goes up: the server keeps the history.
        prepareSendMessagesRequest: ({ id, messages }) => ({
          body: { id, message: messages.at(-1), model: modelId },
        }),
      }),
    [modelId],
  );

  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatMessage>({
    id: chatId,
    messages: initialMessages,
    transport,
    throttle: STREAM_THROTTLE_MS,
    onData: (part) => {
      if (part.type === "data-title") {
        setTitle(part.data.chatId, part.data.title);
        document.title = `${part.data.title} · Workers AI Chat`;
      }
    },
  });
  const older = useOlderMessages(chatId, hasOlder, messages, setMessages);

  const busy = status === "submitted" || status === "streaming";
  const answeredOffline = offline || messages.some((message) => message.metadata?.offline === true);
  const chatError = error ? readChatError(error) : null;

  const send = useCallback(
    async (text: string) => {
      setDraft("");
      clearError();
      // The chat gets its address on first send, without a reload.
      const chatPath = `/chat/${chatId}`;
      if (window.location.pathname !== chatPath) window.history.replaceState(null, "", chatPath);
      touch({ id: chatId, title: fallbackTitle(text), model: modelId, updatedAt: Date.now() });
      await sendMessage({ text });
    },
    [sendMessage, clearError, chatId, touch, modelId],
  );

  // A request the server never accepted (network down, rejected input) loses
  // nothing: the text goes back into the composer and the bubble is removed.
  const restoreUnsent = useCallback(() => {
    const last = messages.at(-1);
    if (last?.role === "user") {
      const text = last.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
      setMessages(messages.slice(0, -1));
      setDraft((current) => current || text);
    }
    clearError();
  }, [messages, setMessages, clearError]);

  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-3 border-zinc-200 border-b px-4 py-3 dark:border-zinc-800">
        <button
          type="button"
          onClick={() => setDrawerOpen(true)}
          aria-controls="chat-history"
          aria-expanded={history.drawerOpen}
          className="shrink-0 rounded-lg border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-100 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          Chats
        </button>
        <h1 className="min-w-0 flex-1 truncate font-semibold text-base">{currentTitle}</h1>
        <p className="max-w-[40%] shrink-0 truncate text-sm text-zinc-500 dark:text-zinc-400">
          <span className="sr-only">Model: </span>
          {answeredOffline ? "Offline mode (no model)" : modelName}
        </p>
      </header>
      {answeredOffline && <OfflineNotice />}
      <MessageList messages={messages} status={status} older={older} />
      {chatError && (
        <ChatError
          error={chatError}
          onRetry={chatError.requestReachedServer ? () => regenerate() : undefined}
          onDismiss={chatError.requestReachedServer ? clearError : restoreUnsent}
        />
      )}
      <Composer value={draft} onChange={setDraft} onSend={send} onStop={stop} busy={busy} />
    </div>
  );
}
