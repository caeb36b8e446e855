"use client";

import { memo, useState } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";
import { Markdown } from "./markdown";
import { MessageActions, MessageEditor, type OnMessageAction, type VersionInfo } from "./message-actions";
import { MessageImage } from "./message-image";
import { MessageMeta } from "./message-meta";
import { type AnswerApproval, ToolCall } from "./tool-call";
import { isToolPart } from "./tool-part";

interface MessageRowProps {
  message: ChatMessage;
  /** The display name of the model that wrote this reply. */
  modelName?: string;
  streaming: boolean;
  /** Absent where the transcript is read-only (a shared link). */
  onAnswerApproval?: AnswerApproval;
  /** Absent where the transcript is read-only. */
  onAction?: OnMessageAction;
  /** Edit a user message: resend `text` in its place. */
  onEdit?: (message: ChatMessage, text: string) => void;
  /** ‹current/total› among the versions after `versionParentId` (primitives, so memo holds while streaming). */
  versionParentId?: string;
  versionCurrent?: number;
  versionTotal?: number;
  canRegenerate?: boolean;
  canEdit?: boolean;
}

function MessageRowView({
  message,
  modelName,
  streaming,
  onAnswerApproval,
  onAction,
  onEdit,
  versionParentId,
  versionCurrent,
  versionTotal,
  canRegenerate = false,
  canEdit = false,
}: MessageRowProps) {
  const isUser = message.role === "user";
  const metadata = message.metadata;
  const [editing, setEditing] = useState(false);
  const versionInfo: VersionInfo | undefined =
    versionParentId !== undefined && versionCurrent && versionTotal
      ? { parentId: versionParentId, current: versionCurrent, total: versionTotal }
      : undefined;

  if (editing && onEdit) {
    const text = message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
    return (
      <article aria-label="Your message" data-role="user" className="ml-auto w-full max-w-[85%]">
        <MessageEditor
          initialText={text}
          onCancel={() => setEditing(false)}
          onSubmit={(edited) => {
            setEditing(false);
            onEdit(message, edited);
          }}
        />
      </article>
    );
  }
  return (
    <article
      aria-label={isUser ? "Your message" : "Assistant message"}
      data-role={message.role}
      aria-busy={streaming || undefined}
      // A message off screen is skipped by layout and paint (content-visibility), which keeps each frame of a
      // streaming reply cheap however long the conversation above it is; its last rendered size stands in
      // for it meanwhile, so the scroll height holds still. On every row, streaming or not: switching it on
      // as a long reply finishes would restyle and lay out that whole reply in one frame.
      className={`${isUser ? "ml-auto max-w-[85%]" : "w-full"} [content-visibility:auto] [contain-intrinsic-size:auto_480px]`}
    >
      <div
        className={
          isUser
            ? "flex flex-col gap-2 rounded-2xl bg-zinc-100 px-4 py-2.5 dark:bg-zinc-800"
            : "flex flex-col gap-3 leading-7"
        }
      >
        {message.parts.map((part, index) => {
          const key = `${message.id}-${index}`;
          if (part.type === "text") {
            // People type code and symbols that must show exactly as typed: only replies are markdown.
            if (!isUser) return <Markdown key={key} text={part.text} streaming={streaming && part.state !== "done"} />;
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
          if (part.type === "file") return <MessageImage key={key} part={part} />;
          if (isToolPart(part)) return <ToolCall key={key} part={part} onAnswerApproval={onAnswerApproval} />;
          return null;
        })}
      </div>
      {!isUser && metadata && !streaming && <MessageMeta metadata={metadata} modelName={modelName} />}
      {onAction && !streaming && (
        <MessageActions
          message={message}
          versionInfo={versionInfo}
          canRegenerate={canRegenerate}
          canEdit={canEdit}
          onAction={(target, action) => (action.type === "edit" ? setEditing(true) : onAction(target, action))}
        />
      )}
    </article>
  );
}

/** Memoized so a streaming reply re-renders only its own row, not the whole history. */
export const MessageRow = memo(MessageRowView);
