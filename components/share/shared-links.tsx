"use client";

import { useState } from "react";

export interface SharedLinkItem {
  id: string;
  chatId: string;
  title: string;
  path: string;
  updatedAt: number;
  indexable: boolean;
}

/** The owner's shared links, each with Open and Revoke. */
export function SharedLinks({ initialLinks }: { initialLinks: SharedLinkItem[] }) {
  const [links, setLinks] = useState(initialLinks);
  const [error, setError] = useState<string | null>(null);

  async function revoke(link: SharedLinkItem) {
    const response = await fetch(`/api/shares/${link.id}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) {
      setError(`Couldn't revoke the link for “${link.title}”. Try again.`);
      return;
    }
    setError(null);
    setLinks((current) => current.filter((item) => item.id !== link.id));
  }

  if (links.length === 0) {
    return (
      <p className="text-zinc-500 dark:text-zinc-400">
        You haven't shared any chats. Use Share in a chat to make a link.
      </p>
    );
  }
  return (
    <>
      {error && (
        <p role="alert" className="text-red-700 text-sm dark:text-red-400">
          {error}
        </p>
      )}
      <ul aria-label="Shared links" className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {links.map((link) => (
          <li key={link.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <a href={link.path} className="font-medium hover:underline">
                {link.title}
              </a>
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                Updated {new Date(link.updatedAt).toLocaleString()} ·{" "}
                {link.indexable ? "search engines may index it" : "hidden from search engines"} ·{" "}
                <a href={`/chat/${link.chatId}`} className="underline">
                  open the chat
                </a>
              </p>
            </div>
            <button
              type="button"
              onClick={() => void revoke(link)}
              aria-label={`Revoke the link for “${link.title}”`}
              className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
