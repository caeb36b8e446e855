"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ThemeSwitcher } from "@/components/theme/theme-switcher";
import type { ChatSummary } from "@/lib/db/queries";
import { useChatHistory } from "./chat-history-provider";
import { ChatListItem } from "./chat-list-item";
import { DeleteChatDialog } from "./delete-chat-dialog";
import { useNewChatShortcut } from "./use-new-chat-shortcut";

const SEARCH_DEBOUNCE_MS = 250;

/** The owner's chats: new chat, search, the list (paged as it scrolls), rename and delete. A drawer on phones. */
export function Sidebar() {
  const history = useChatHistory();
  const { drawerOpen, setDrawerOpen } = history;
  const pathname = usePathname();
  const activeId = pathname.startsWith("/chat/") ? decodeURIComponent(pathname.slice("/chat/".length)) : null;
  const [searchText, setSearchText] = useState(history.query);
  const [pendingDelete, setPendingDelete] = useState<ChatSummary | null>(null);
  const moreSentinel = useRef<HTMLLIElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  const { startNewChat } = history;
  useNewChatShortcut(startNewChat);

  // Search as the user types, once they pause.
  const { search, query } = history;
  useEffect(() => {
    if (searchText === query) return;
    const timer = setTimeout(() => search(searchText), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [searchText, query, search]);

  // The next page loads when the end of the list scrolls into view.
  const { loadMore, hasMore } = history;
  useEffect(() => {
    const sentinel = moreSentinel.current;
    if (!sentinel || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void loadMore();
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [loadMore, hasMore]);

  // Esc closes the drawer on phones; opening it moves focus into it.
  useEffect(() => {
    if (!drawerOpen) return;
    searchInput.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setDrawerOpen(false);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [drawerOpen, setDrawerOpen]);

  async function confirmDelete() {
    const chat = pendingDelete;
    setPendingDelete(null);
    if (!chat) return;
    if ((await history.remove(chat.id)) && chat.id === activeId) startNewChat();
  }

  const closeDrawer = useCallback(() => setDrawerOpen(false), [setDrawerOpen]);
  const searching = query.trim().length > 0;

  return (
    <>
      {drawerOpen && (
        // A mouse/touch shortcut only: keyboard and screen reader users have Esc and the Close button.
        <div aria-hidden="true" onClick={closeDrawer} className="fixed inset-0 z-30 bg-black/40 md:hidden" />
      )}
      <nav
        id="chat-history"
        aria-label="Chats"
        className={`z-40 flex w-72 shrink-0 flex-col border-zinc-200 border-r bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950 max-md:fixed max-md:inset-y-0 max-md:left-0 max-md:shadow-xl md:w-64 ${
          drawerOpen ? "" : "max-md:hidden"
        }`}
      >
        <div className="flex items-center justify-between gap-2 px-3 pt-3">
          <Link href="/" className="font-semibold text-sm" onClick={closeDrawer}>
            Workers AI Chat
          </Link>
          <button
            type="button"
            onClick={closeDrawer}
            className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-200 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Close
          </button>
        </div>
        <div className="space-y-2 p-3">
          <Link
            href="/"
            onClick={(event) => {
              // Modified clicks keep their usual meaning (new tab, new window).
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              startNewChat();
            }}
            aria-keyshortcuts="Control+Shift+O Meta+Shift+O"
            title="New chat (Ctrl+Shift+O)"
            className="flex w-full items-center justify-center rounded-lg border border-zinc-300 bg-white px-3 py-2 font-medium text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          >
            New chat
          </Link>
          <label htmlFor="chat-search" className="sr-only">
            Search chats
          </label>
          <input
            id="chat-search"
            ref={searchInput}
            type="search"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            placeholder="Search chats"
            maxLength={200}
            className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-1.5 text-sm outline-none focus:border-zinc-500 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3">
          {history.error && (
            <p role="alert" className="px-2 py-1 text-red-700 text-sm dark:text-red-400">
              {history.error}
            </p>
          )}
          {history.chats.length === 0 && !history.loading && (
            <p className="px-2 py-1 text-sm text-zinc-500 dark:text-zinc-400">
              {searching ? "No chats match your search." : "Your chats will appear here."}
            </p>
          )}
          <ul aria-label={searching ? "Search results" : "Your chats"} className="space-y-0.5">
            {history.chats.map((chat) => (
              <ChatListItem
                key={chat.id}
                chat={chat}
                active={chat.id === activeId}
                onNavigate={closeDrawer}
                onRename={history.rename}
                onDelete={setPendingDelete}
              />
            ))}
            {hasMore && (
              <li ref={moreSentinel}>
                <button
                  type="button"
                  onClick={() => void loadMore()}
                  disabled={history.loading}
                  className="w-full rounded-md px-3 py-2 text-left text-sm text-zinc-500 hover:bg-zinc-200/70 dark:text-zinc-400 dark:hover:bg-zinc-800/70"
                >
                  {history.loading ? "Loading…" : "Show more chats"}
                </button>
              </li>
            )}
          </ul>
        </div>
        <div className="border-zinc-200 border-t px-3 py-2 dark:border-zinc-800">
          <Link
            href="/shares"
            onClick={closeDrawer}
            className="block rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:bg-zinc-200/70 dark:text-zinc-300 dark:hover:bg-zinc-800/70"
          >
            Shared links
          </Link>
          <ThemeSwitcher />
        </div>
      </nav>
      {pendingDelete && (
        <DeleteChatDialog
          title={pendingDelete.title}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setPendingDelete(null)}
        />
      )}
    </>
  );
}
