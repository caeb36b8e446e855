"use client";

import { isToolUIPart } from "ai";
import { memo } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { type AnswerApproval, ToolCall } from "./tool-call";

interface MessageRowProps {
  message: ChatMessage;
  /** The display name of the model that wrote this reply. */
  modelName?: string;
  streaming: boolean;
  /** Absent where the transcript is read-only (a shared link). */
  onAnswerApproval?: AnswerApproval;
}

function MessageRowView({ message, modelName, streaming, onAnswerApproval }: MessageRowProps) {
  const isUser = message.role === "user";
  const metadata = message.metadata;
  return (
    <article
      aria-label={isUser ? "Your message" : "Assistant message"}
      data-role={message.role}
      aria-busy={streaming || undefined}
      className={isUser ? "ml-auto max-w-[85%]" : "w-full"}
    >
      <div
        className={isUser ? "rounded-2xl bg-zinc-100 px-4 py-2.5 dark:bg-zinc-800" : "flex flex-col gap-3 leading-7"}
      >
        {message.parts.map((part, index) => {
          const key = `${message.id}-${index}`;
          if (part.type === "text") {
            return (
              <div key={key} className="whitespace-pre-wrap break-words">
                {part.text}
              </div>
            );
          }
          if (part.type === "reasoning") {
            return (
              <details key={key} className="rounded-lg border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
                <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Reasoning</summary>
                <div className="mt-2 whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">{part.text}</div>
              </details>
            );
          }
          if (isToolUIPart(part)) return <ToolCall key={key} part={part} onAnswerApproval={onAnswerApproval} />;
          return null;
        })}
      </div>
      {!isUser && metadata && !streaming && (
        <footer className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500 dark:text-zinc-400">
          {metadata.offline ? (
            <span>Offline mode (no model)</span>
          ) : (
            <span title={metadata.model}>{modelName ?? metadata.model}</span>
          )}
          {metadata.usage?.outputTokens !== undefined && <span>{metadata.usage.outputTokens} tokens</span>}
          {metadata.incomplete && <span className="text-red-700 dark:text-red-400">Incomplete reply</span>}
          {metadata.finishReason === "length" && <span>Stopped at the output limit</span>}
        </footer>
      )}
    </article>
  );
}

/** Memoized so a streaming reply re-renders only its own row, not the whole history. */
export const MessageRow = memo(MessageRowView);
