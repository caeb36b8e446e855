"use client";

import { useMemo } from "react";
import { MessageRow } from "@/components/chat/message-row";
import type { CatalogModel } from "@/lib/ai/catalog";
import type { ChatMessage } from "@/lib/chat/chat-message";

/** A shared chat's messages, read-only: the same rows as the chat, without approval buttons. */
export function SharedTranscript({ messages, models }: { messages: ChatMessage[]; models: readonly CatalogModel[] }) {
  const names = useMemo(() => new Map(models.map((model) => [model.id, model.name])), [models]);
  return (
    <div role="log" aria-label="Messages" className="flex flex-col gap-6">
      {messages.map((message) => (
        <MessageRow
          key={message.id}
          message={message}
          modelName={
            message.metadata?.model ? (names.get(message.metadata.model) ?? message.metadata.model) : undefined
          }
          streaming={false}
        />
      ))}
    </div>
  );
}
