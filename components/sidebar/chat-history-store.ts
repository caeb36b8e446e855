import type { ChatListPage } from "@/lib/chat/chat-list-page";
import type { ChatSummary } from "@/lib/db/queries";
import { responseErrorMessage } from "@/lib/http/response-error-message";

/** What the chat list shows. */
export interface ChatHistoryState {
  chats: ChatSummary[];
  /** Where the next page starts; undefined when there is none. */
  nextCursor: string | undefined;
  loading: boolean;
  /** The search the list currently shows ("" for all chats). */
  query: string;
  error: string | null;
  drawerOpen: boolean;
}

/** What can be done to it; these functions never change. */
export interface ChatHistoryActions {
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

/**
 * The list lives in a store outside React and the context's value never changes. A changing context
 * value would make React hydrate, synchronously and all at once, every part of the page still waiting
 * to hydrate below it (a long chat's server-rendered replies): sending a message puts the chat on top
 * of the list, and that froze the page for half a second. Components subscribe to what they show.
 */
export interface ChatHistoryStore {
  get(): ChatHistoryState;
  subscribe(listener: () => void): () => void;
  actions: ChatHistoryActions;
}

/** The store for the list, starting from the page the server rendered; `openHome` navigates to "/". */
export function createChatHistoryStore(initialPage: ChatListPage, openHome: () => void): ChatHistoryStore {
  let state: ChatHistoryState = {
    chats: initialPage.chats,
    nextCursor: initialPage.nextCursor,
    loading: false,
    query: "",
    error: null,
    drawerOpen: false,
  };
  const listeners = new Set<() => void>();
  const update = (change: Partial<ChatHistoryState>) => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };
  const setChats = (change: (chats: ChatSummary[]) => ChatSummary[]) => {
    const chats = change(state.chats);
    if (chats !== state.chats) update({ chats });
  };
  let resetNewChat: (() => void) | null = null;
  // Only the newest request may write the list: typing fast must not show stale results.
  let latestRequest = 0;

  const fetchPage = async (search: string, cursor?: string) => {
    const request = ++latestRequest;
    const params = new URLSearchParams();
    if (search) params.set("q", search);
    if (cursor) params.set("cursor", cursor);
    update({ loading: true });
    try {
      const response = await fetch(`/api/chats?${params}`, { cache: "no-store" });
      if (request !== latestRequest) return;
      if (!response.ok) {
        update({ error: await responseErrorMessage(response) });
        return;
      }
      const page = (await response.json()) as ChatListPage;
      if (request !== latestRequest) return;
      update({
        error: null,
        chats: cursor ? appendNew(state.chats, page.chats) : page.chats,
        nextCursor: page.nextCursor,
      });
    } catch {
      if (request === latestRequest) update({ error: "Couldn't load your chats. Check your connection." });
    } finally {
      if (request === latestRequest) update({ loading: false });
    }
  };

  const setTitle = (chatId: string, title: string) =>
    setChats((chats) => chats.map((chat) => (chat.id === chatId ? { ...chat, title } : chat)));

  const actions: ChatHistoryActions = {
    setDrawerOpen: (drawerOpen) => {
      if (drawerOpen !== state.drawerOpen) update({ drawerOpen });
    },
    startNewChat: () => {
      actions.setDrawerOpen(false);
      if (resetNewChat) resetNewChat();
      else openHome();
    },
    registerNewChat: (reset) => {
      resetNewChat = reset;
      return () => {
        if (resetNewChat === reset) resetNewChat = null;
      };
    },
    search: (query) => {
      update({ query });
      void fetchPage(query.trim());
    },
    loadMore: async () => {
      if (state.nextCursor && !state.loading) await fetchPage(state.query.trim(), state.nextCursor);
    },
    touch: (chat) =>
      setChats((chats) => {
        const existing = chats.find((item) => item.id === chat.id);
        // While searching, a chat that isn't in the results stays out.
        if (!existing && state.query.trim()) return chats;
        const updated = { ...existing, ...chat, title: existing?.title ?? chat.title };
        return [updated, ...chats.filter((item) => item.id !== chat.id)];
      }),
    setTitle,
    rename: async (chatId, title) => {
      const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title }),
      }).catch(() => null);
      if (!response?.ok) {
        update({
          error: response ? await responseErrorMessage(response) : "Couldn't rename the chat. Check your connection.",
        });
        return false;
      }
      const { chat } = (await response.json()) as { chat: ChatSummary };
      setTitle(chatId, chat.title);
      update({ error: null });
      return true;
    },
    remove: async (chatId) => {
      const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}`, { method: "DELETE" }).catch(() => null);
      if (!response?.ok) {
        update({
          error: response ? await responseErrorMessage(response) : "Couldn't delete the chat. Check your connection.",
        });
        return false;
      }
      setChats((chats) => chats.filter((chat) => chat.id !== chatId));
      update({ error: null });
      return true;
    },
  };

  return {
    get: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions,
  };
}

/** `more` after `chats`, without the ones already listed (a chat touched meanwhile can be on both pages). */
function appendNew(chats: ChatSummary[], more: ChatSummary[]): ChatSummary[] {
  const seen = new Set(chats.map((chat) => chat.id));
  return [...chats, ...more.filter((chat) => !seen.has(chat.id))];
}
