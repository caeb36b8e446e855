"use client";

import { type UseChatHelpers, useChat } from "@ai-sdk/react";
import { type ChatStatus, DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";
import { memo, useLayoutEffect, useMemo, useRef } from "react";
import { approvalsOf } from "@/lib/chat/approvals-of";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { ChatPreferences } from "./use-chat-preferences";
import { yieldingFetch } from "./yielding-fetch";

/**
 * The live chat: useChat, its transport to /api/chat, and what they bring (the `ai` SDK, zod),
 * about two thirds of the chat page's JavaScript. It renders nothing; the chat shell
 * (chat.tsx) imports it on demand (see use-chat-engine.ts) and it reports its state up, so
 * the page hydrates and can be read and typed in before this code has even downloaded.
 */

/** What the chat shell shows: useChat's state. */
export interface ChatEngineSnapshot {
  messages: ChatMessage[];
  status: ChatStatus;
  error: Error | undefined;
}

/** What the chat shell can do with the chat; stable for the engine's lifetime. */
export type ChatEngineActions = Pick<
  UseChatHelpers<ChatMessage>,
  "sendMessage" | "regenerate" | "stop" | "clearError" | "addToolApprovalResponse" | "setMessages"
>;

export interface ChatEngineProps {
  chatId: string;
  /** The messages shown until now (the server's page, plus any older ones loaded since); the chat starts from them. */
  messages: ChatMessage[];
  /** The model and settings, read when a message is sent. */
  latest: ChatPreferences["latest"];
  onTitle(chatId: string, title: string): void;
  /** Called once, before the first snapshot, with the chat's actions. */
  onReady(actions: ChatEngineActions): void;
  onSnapshot(snapshot: ChatEngineSnapshot): void;
}

/** Renders at most ~20 times a second while streaming; enough to look live, cheap on long replies. */
const STREAM_THROTTLE_MS = 50;

/** Rerenders only when useChat's state changes: the shell's callbacks and props are stable. */
export const ChatEngine = memo(function ChatEngine({
  chatId,
  messages: startMessages,
  latest,
  onTitle,
  onReady,
  onSnapshot,
}: ChatEngineProps) {
  const transport = useMemo(
    () =>
      new DefaultChatTransport<ChatMessage>({
        api: "/api/chat",
        // A burst of buffered reply is processed a few milliseconds at a time, so frames keep coming.
        fetch: yieldingFetch,
        // Only the new message goes up: the server keeps the history.
        // The model and settings are read when a message is sent, so changing them doesn't rebuild the chat.
        // After tool approvals the last message is the reply that asked: only the answers go up.
        prepareSendMessagesRequest: ({ id, messages, trigger }) => {
          const last = messages.at(-1);
          const { modelId: model, settings } = latest.current;
          if (last?.role === "assistant") return { body: { id, approvals: approvalsOf(last), model, settings } };
          return {
            body: {
              id,
              message: last,
              model,
              settings,
              ...(trigger === "regenerate-message" ? { trigger: "regenerate" } : {}),
              // The first message of a chat: lets the server create it without reading it first.
              ...(messages.length === 1 && trigger === "submit-message" ? { newChat: true } : {}),
            },
          };
        },
      }),
    [latest],
  );

  const { messages, status, error, sendMessage, regenerate, stop, clearError, addToolApprovalResponse, setMessages } =
    useChat<ChatMessage>({
      id: chatId,
      messages: startMessages,
      transport,
      throttle: STREAM_THROTTLE_MS,
      // Once every tool call waiting in the last reply is approved or denied, the turn continues by itself.
      sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
      onData: (part) => {
        if (part.type === "data-title") onTitle(part.data.chatId, part.data.title);
      },
    });

  // useChat took the messages of its first render; if the shell's changed before this mounted
  // (older messages arrived while this rendered), the chat takes those instead.
  const createdWith = useRef(startMessages);
  useLayoutEffect(() => {
    if (startMessages !== createdWith.current) {
      createdWith.current = startMessages;
      setMessages(startMessages);
    }
  }, [startMessages, setMessages]);

  // Layout effects, so the shell rerenders with the new state before the browser paints.
  useLayoutEffect(() => {
    onReady({ sendMessage, regenerate, stop, clearError, addToolApprovalResponse, setMessages });
  }, [onReady, sendMessage, regenerate, stop, clearError, addToolApprovalResponse, setMessages]);
  useLayoutEffect(() => {
    onSnapshot({ messages, status, error });
  }, [onSnapshot, messages, status, error]);

  return null;
});
