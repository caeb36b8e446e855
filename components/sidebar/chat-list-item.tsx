"use client";

import Link from "next/link";
import { type FormEvent, memo, useEffect, useRef, useState } from "react";
import type { ChatSummary } from "@/lib/db/queries";

export interface ChatListItemProps {
  chat: ChatSummary;
  active: boolean;
  onNavigate(): void;
  onRename(chatId: string, title: string): Promise<boolean>;
  onDelete(chat: ChatSummary): void;
}

const iconButton =
  "rounded p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-900 focus-visible:opacity-100 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";

/** One chat in the sidebar: a link, with rename and delete beside it. */
export const ChatListItem = memo(function ChatListItem({
  chat,
  active,
  onNavigate,
  onRename,
  onDelete,
}: ChatListItemProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(chat.title);
  const input = useRef<HTMLInputElement>(null);
  // Set once Enter or Esc has decided the edit, so the blur that follows doesn't decide it again.
  const settled = useRef(false);

  useEffect(() => {
    if (editing) {
      settled.current = false;
      input.current?.select();
    }
  }, [editing]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (settled.current) return;
    settled.current = true;
    const title = draft.trim();
    if (!title || title === chat.title) {
      setEditing(false);
      return;
    }
    // Stay in the editor if the server refused: the typed title isn't lost.
    if (await onRename(chat.id, title)) setEditing(false);
    else settled.current = false;
  }

  if (editing) {
    return (
      <li>
        <form onSubmit={save} className="px-2 py-1">
          <label htmlFor={`rename-${chat.id}`} className="sr-only">
            Chat title
          </label>
          <input
            id={`rename-${chat.id}`}
            ref={input}
            value={draft}
            maxLength={100}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={() => void save()}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.preventDefault();
                settled.current = true;
                setDraft(chat.title);
                setEditing(false);
              }
            }}
            className="w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm outline-none focus:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </form>
      </li>
    );
  }

  return (
    <li className="group relative">
      <Link
        href={`/chat/${chat.id}`}
        onClick={onNavigate}
        aria-current={active ? "page" : undefined}
        className={`block rounded-md py-2 pr-16 pl-3 text-sm md:pr-3 md:group-focus-within:pr-16 md:group-hover:pr-16 hover:bg-zinc-200/70 dark:hover:bg-zinc-800/70 ${
          active ? "bg-zinc-200 font-medium dark:bg-zinc-800" : ""
        }`}
      >
        <span className="block truncate">{chat.title}</span>
        {chat.matchedText && (
          <span className="mt-0.5 block truncate text-xs text-zinc-500 dark:text-zinc-400">{chat.matchedText}</span>
        )}
      </Link>
      <div className="absolute top-1.5 right-1.5 flex gap-0.5 opacity-100 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
        <button
          type="button"
          aria-label={`Rename “${chat.title}”`}
          title="Rename"
          onClick={() => {
            setDraft(chat.title);
            setEditing(true);
          }}
          className={iconButton}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <path d="M13.6 3.3a2 2 0 0 1 2.8 2.8l-8.7 8.7-3.6.9.9-3.6 8.6-8.8Z" />
          </svg>
        </button>
        <button
          type="button"
          aria-label={`Delete “${chat.title}”`}
          title="Delete"
          onClick={() => onDelete(chat)}
          className={iconButton}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <path d="M8 2h4a1 1 0 0 1 1 1v1h3a1 1 0 1 1 0 2h-1l-.8 10.1A2 2 0 0 1 12.2 18H7.8a2 2 0 0 1-2-1.9L5 6H4a1 1 0 0 1 0-2h3V3a1 1 0 0 1 1-1Zm-1 4 .7 10h4.6L13 6H7Z" />
          </svg>
        </button>
      </div>
    </li>
  );
});
