"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useMemo, useState } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { ChatError } from "./chat-error";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { OfflineNotice } from "./offline-notice";
import { readChatError } from "./read-chat-error";

export interface ChatProps {
  chatId: string;
  initialMessages: ChatMessage[];
  modelId: string;
  modelName: string;
  /** The server already knows it will answer offline. */
  offline: boolean;
}

/** Renders at most ~20 times a second while streaming; enough to look live, cheap on long replies. */
const STREAM_THROTTLE_MS = 50;

export function Chat({ chatId, initialMessages, modelId, modelName, offline }: ChatProps) {
  const [draft, setDraft] = useState("");

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
  });

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
      await sendMessage({ text });
    },
    [sendMessage, clearError, chatId],
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
    <div className="flex h-dvh flex-col">
      <header className="flex items-center justify-between gap-3 border-zinc-200 border-b px-4 py-3 dark:border-zinc-800">
        <h1 className="font-semibold text-base">Workers AI Chat</h1>
        <div className="flex min-w-0 items-center gap-3">
          <p className="truncate text-sm text-zinc-500 dark:text-zinc-400">
            <span className="sr-only">Model: </span>
            {answeredOffline ? "Offline mode (no model)" : modelName}
          </p>
          <a
            href="/"
            className="shrink-0 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
          >
            New chat
          </a>
        </div>
      </header>
      {answeredOffline && <OfflineNotice />}
      <MessageList messages={messages} status={status} />
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
