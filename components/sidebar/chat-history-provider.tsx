"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";
import type { ChatListPage } from "@/lib/chat/chat-list-page";
import type { ChatSummary } from "@/lib/db/queries";
import { responseErrorMessage } from "@/lib/http/response-error-message";

interface ChatHistory {
  chats: ChatSummary[];
  hasMore: boolean;
  loading: boolean;
  /** The search the list currently shows ("" for all chats). */
  query: string;
  error: string | null;
  drawerOpen: boolean;
  setDrawerOpen(open: boolean): void;
  /** Opens an empty chat (the New chat button and shortcut). */
  startNewChat(): void;
  /**
   * The home page's chat registers how to start over in place. A chat begun on
   * "/" only changed the address bar (replaceState), so the router still thinks
   * it is on "/" and navigating there would do nothing.
   */
  registerNewChat(reset: () => void): () => void;
  search(query: string): void;
  loadMore(): Promise<void>;
  /** A chat was just active here: put it on top (and add it if it's new). */
  touch(chat: ChatSummary): void;
  /** The server named a chat. */
  setTitle(chatId: string, title: string): void;
  rename(chatId: string, title: string): Promise<boolean>;
  remove(chatId: string): Promise<boolean>;
}

const ChatHistoryContext = createContext<ChatHistory | null>(null);

export function useChatHistory(): ChatHistory {
  const history = useContext(ChatHistoryContext);
  if (!history) throw new Error("useChatHistory must be used inside <ChatHistoryProvider>");
  return history;
}

/** The browser's chat list: first page from the server render, then search, paging and edits here. */
export function ChatHistoryProvider({ initialPage, children }: { initialPage: ChatListPage; children: ReactNode }) {
  const [chats, setChats] = useState(initialPage.chats);
  const [nextCursor, setNextCursor] = useState(initialPage.nextCursor);
  const [query, setQuery] = useState("");
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const router = useRouter();
  const resetNewChat = useRef<(() => void) | null>(null);

  const registerNewChat = useCallback((reset: () => void) => {
    resetNewChat.current = reset;
    return () => {
      if (resetNewChat.current === reset) resetNewChat.current = null;
    };
  }, []);

  const startNewChat = useCallback(() => {
    setDrawerOpen(false);
    if (resetNewChat.current) resetNewChat.current();
    else router.push("/");
  }, [router]);
  // Only the newest request may write the list: typing fast must not show stale results.
  const latestRequest = useRef(0);

  const fetchPage = useCallback(async (search: string, cursor?: string) => {
    const request = ++latestRequest.current;
    const params = new URLSearchParams();
    if (search) params.set("q", search);
    if (cursor) params.set("cursor", cursor);
    setLoading(true);
    try {
      const response = await fetch(`/api/chats?${params}`, { cache: "no-store" });
      if (request !== latestRequest.current) return;
      if (!response.ok) {
        setError(await responseErrorMessage(response));
        return;
      }
      const page = (await response.json()) as ChatListPage;
      if (request !== latestRequest.current) return;
      setError(null);
      setChats((current) => {
        if (!cursor) return page.chats;
        const seen = new Set(current.map((chat) => chat.id));
        return [...current, ...page.chats.filter((chat) => !seen.has(chat.id))];
      });
      setNextCursor(page.nextCursor);
    } catch {
      if (request === latestRequest.current) setError("Couldn't load your chats. Check your connection.");
    } finally {
      if (request === latestRequest.current) setLoading(false);
    }
  }, []);

  const search = useCallback(
    (next: string) => {
      setQuery(next);
      void fetchPage(next.trim());
    },
    [fetchPage],
  );

  const loadMore = useCallback(async () => {
    if (nextCursor && !loading) await fetchPage(query.trim(), nextCursor);
  }, [fetchPage, nextCursor, loading, query]);

  const touch = useCallback(
    (chat: ChatSummary) => {
      setChats((current) => {
        const existing = current.find((item) => item.id === chat.id);
        // While searching, a chat that isn't in the results stays out.
        if (!existing && query.trim()) return current;
        const updated = { ...existing, ...chat, title: existing?.title ?? chat.title };
        return [updated, ...current.filter((item) => item.id !== chat.id)];
      });
    },
    [query],
  );

  const setTitle = useCallback((chatId: string, title: string) => {
    setChats((current) => current.map((chat) => (chat.id === chatId ? { ...chat, title } : chat)));
  }, []);

  const rename = useCallback(
    async (chatId: string, title: string) => {
      const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title }),
      }).catch(() => null);
      if (!response?.ok) {
        setError(response ? await responseErrorMessage(response) : "Couldn't rename the chat. Check your connection.");
        return false;
      }
      const { chat } = (await response.json()) as { chat: ChatSummary };
      setTitle(chatId, chat.title);
      setError(null);
      return true;
    },
    [setTitle],
  );

  const remove = useCallback(async (chatId: string) => {
    const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}`, { method: "DELETE" }).catch(() => null);
    if (!response?.ok) {
      setError(response ? await responseErrorMessage(response) : "Couldn't delete the chat. Check your connection.");
      return false;
    }
    setChats((current) => current.filter((chat) => chat.id !== chatId));
    setError(null);
    return true;
  }, []);

  const value = useMemo<ChatHistory>(
    () => ({
      chats,
      hasMore: nextCursor !== undefined,
      loading,
      query,
      error,
      drawerOpen,
      setDrawerOpen,
      startNewChat,
      registerNewChat,
      search,
      loadMore,
      touch,
      setTitle,
      rename,
      remove,
    }),
    [
      chats,
      nextCursor,
      loading,
      query,
      error,
      drawerOpen,
      startNewChat,
      registerNewChat,
      search,
      loadMore,
      touch,
      setTitle,
      rename,
      remove,
    ],
  );
  return <ChatHistoryContext.Provider value={value}>{children}</ChatHistoryContext.Provider>;
}
