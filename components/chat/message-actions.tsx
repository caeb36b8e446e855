"use client";

import { useState } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";

/** Where a message stands among the versions of its branch (‹2/3›). */
export interface VersionInfo {
  parentId: string;
  /** 1-based; `total` is the live branch. */
  current: number;
  total: number;
}

export type MessageAction =
  | { type: "regenerate" }
  | { type: "edit" }
  | { type: "show-version"; parentId: string; version: number };

export type OnMessageAction = (message: ChatMessage, action: MessageAction) => void;

function textOf(message: ChatMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .filter(Boolean)
    .join("\n\n");
}

const actionButton =
  "rounded px-1.5 py-0.5 hover:bg-zinc-100 hover:text-zinc-900 disabled:opacity-40 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** Copy, Regenerate or Edit, and the version switcher, under one message. */
export function MessageActions({
  message,
  versionInfo,
  canRegenerate,
  canEdit,
  onAction,
}: {
  message: ChatMessage;
  versionInfo?: VersionInfo;
  canRegenerate: boolean;
  canEdit: boolean;
  onAction: OnMessageAction;
}) {
  const [copied, setCopied] = useState(false);
  const who = message.role === "user" ? "your message" : "the reply";

  async function copy() {
    try {
      await navigator.clipboard.writeText(textOf(message));
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // Clipboard refused (permissions): nothing to announce beyond the button staying as it was.
    }
  }

  return (
    <div
      role="toolbar"
      aria-label={`Actions for ${who}`}
      className={`mt-1 flex flex-wrap items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400 ${
        message.role === "user" ? "justify-end" : ""
      }`}
    >
      {versionInfo && versionInfo.total > 1 && (
        <span className="flex items-center gap-0.5">
          <button
            type="button"
            aria-label="Previous version"
            disabled={versionInfo.current <= 1}
            onClick={() =>
              onAction(message, {
                type: "show-version",
                parentId: versionInfo.parentId,
                version: versionInfo.current - 1,
              })
            }
            className={actionButton}
          >
            ‹
          </button>
          <span aria-label={`Version ${versionInfo.current} of ${versionInfo.total}`}>
            {versionInfo.current}/{versionInfo.total}
          </span>
          <button
            type="button"
            aria-label="Next version"
            disabled={versionInfo.current >= versionInfo.total}
            onClick={() =>
              onAction(message, {
                type: "show-version",
                parentId: versionInfo.parentId,
                version: versionInfo.current + 1,
              })
            }
            className={actionButton}
          >
            ›
          </button>
        </span>
      )}
      <button type="button" onClick={() => void copy()} className={actionButton}>
        {copied ? "Copied" : "Copy"}
      </button>
      {canEdit && (
        <button type="button" onClick={() => onAction(message, { type: "edit" })} className={actionButton}>
          Edit
        </button>
      )}
      {canRegenerate && (
        <button type="button" onClick={() => onAction(message, { type: "regenerate" })} className={actionButton}>
          Regenerate
        </button>
      )}
      <span role="status" className="sr-only">
        {copied ? "Copied to the clipboard" : ""}
      </span>
    </div>
  );
}

/** Editing a sent message in place: Save & send replaces what came after it (kept as a version). */
export function MessageEditor({
  initialText,
  onSubmit,
  onCancel,
}: {
  initialText: string;
  onSubmit(text: string): void;
  onCancel(): void;
}) {
  const [text, setText] = useState(initialText);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSubmit(text);
      }}
      className="flex w-full flex-col gap-2"
    >
      <label className="sr-only" htmlFor="edit-message">
        Edit message
      </label>
      <textarea
        id="edit-message"
        autoFocus
        value={text}
        rows={Math.min(8, text.split("\n").length + 1)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            onCancel();
          }
        }}
        className="w-full rounded-xl border border-zinc-300 bg-white px-3 py-2 outline-none focus:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-900"
      />
      <div className="flex justify-end gap-2 text-sm">
        <button
          type="button"
          onClick={onCancel}
          className="rounded-lg border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        <button type="submit" className="rounded-lg bg-orange-700 px-3 py-1 font-medium text-white hover:bg-orange-800">
          Save and send
        </button>
      </div>
    </form>
  );
}
