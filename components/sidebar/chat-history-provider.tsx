"use client";

import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useRef, useState, useSyncExternalStore } from "react";
import type { ChatListPage } from "@/lib/chat/chat-list-page";
import {
  type ChatHistoryActions,
  type ChatHistoryState,
  type ChatHistoryStore,
  createChatHistoryStore,
} from "./chat-history-store";

export type ChatHistory = ChatHistoryState & ChatHistoryActions & { hasMore: boolean };

const ChatHistoryContext = createContext<ChatHistoryStore | null>(null);

function useStore(): ChatHistoryStore {
  const store = useContext(ChatHistoryContext);
  if (!store) throw new Error("chat history hooks must be used inside <ChatHistoryProvider>");
  return store;
}

/** The list's actions, without re-rendering when the list changes. */
export function useChatHistoryActions(): ChatHistoryActions {
  return useStore().actions;
}

/** One value from the list's state; re-renders only when that value changes. */
export function useChatHistorySelector<T>(select: (state: ChatHistoryState) => T): T {
  const store = useStore();
  const read = () => select(store.get());
  return useSyncExternalStore(store.subscribe, read, read);
}

/** The whole list and its actions (the sidebar). */
export function useChatHistory(): ChatHistory {
  const store = useStore();
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  return { ...state, ...store.actions, hasMore: state.nextCursor !== undefined };
}

/** The browser's chat list: first page from the server render, then search, paging and edits here. */
export function ChatHistoryProvider({ initialPage, children }: { initialPage: ChatListPage; children: ReactNode }) {
  const router = useRouter();
  const routerRef = useRef(router);
  routerRef.current = router;
  const [store] = useState(() => createChatHistoryStore(initialPage, () => routerRef.current.push("/")));
  return <ChatHistoryContext.Provider value={store}>{children}</ChatHistoryContext.Provider>;
}
