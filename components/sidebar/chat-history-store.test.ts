import { describe, expect, it } from "vitest";
import type { ChatSummary } from "@/lib/db/queries";
import { createChatHistoryStore } from "./chat-history-store";

const chat = (id: string, title = id): ChatSummary => ({ id, title, model: "@cf/test", updatedAt: 1 });

function storeWith(chats: ChatSummary[]) {
  const opened: string[] = [];
  const store = createChatHistoryStore({ chats, nextCursor: "next" }, () => opened.push("/"));
  let notified = 0;
  store.subscribe(() => notified++);
  return { store, opened, notifications: () => notified };
}

describe("createChatHistoryStore", () => {
  it("starts from the server's page", () => {
    const { store } = storeWith([chat("a"), chat("b")]);
    expect(store.get()).toMatchObject({
      chats: [chat("a"), chat("b")],
      nextCursor: "next",
      query: "",
      drawerOpen: false,
    });
  });

  it("puts a touched chat on top, keeping the title it already has", () => {
    const { store, notifications } = storeWith([chat("a"), chat("b", "Named by the server")]);
    store.actions.touch({ ...chat("b", "typed text"), updatedAt: 5 });
    expect(store.get().chats).toEqual([{ ...chat("b", "Named by the server"), updatedAt: 5 }, chat("a")]);
    store.actions.touch(chat("new"));
    expect(store.get().chats.map((item) => item.id)).toEqual(["new", "b", "a"]);
    expect(notifications()).toBe(2);
  });

  it("renames a chat when the server names it", () => {
    const { store } = storeWith([chat("a"), chat("b")]);
    store.actions.setTitle("b", "Rust lifetimes");
    expect(store.get().chats[1]?.title).toBe("Rust lifetimes");
  });

  it("gives a new state to subscribers only when something changed", () => {
    const { store, notifications } = storeWith([chat("a")]);
    const before = store.get();
    store.actions.setDrawerOpen(false);
    expect(store.get()).toBe(before);
    expect(notifications()).toBe(0);
    store.actions.setDrawerOpen(true);
    expect(store.get()).not.toBe(before);
    expect(store.get().drawerOpen).toBe(true);
    expect(notifications()).toBe(1);
  });

  it("keeps the same actions object, so the context above the chat never changes", () => {
    const { store } = storeWith([chat("a")]);
    const actions = store.actions;
    store.actions.touch(chat("b"));
    store.actions.setDrawerOpen(true);
    expect(store.actions).toBe(actions);
  });

  it("starts a new chat in place when the home page registered how, else opens /", () => {
    const { store, opened } = storeWith([]);
    store.actions.setDrawerOpen(true);
    store.actions.startNewChat();
    expect(opened).toEqual(["/"]);
    expect(store.get().drawerOpen).toBe(false);
    let resets = 0;
    const unregister = store.actions.registerNewChat(() => resets++);
    store.actions.startNewChat();
    expect([resets, opened.length]).toEqual([1, 1]);
    unregister();
    store.actions.startNewChat();
    expect([resets, opened.length]).toEqual([1, 2]);
  });

  it("stops notifying a listener that unsubscribed", () => {
    const store = createChatHistoryStore({ chats: [] }, () => {});
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.actions.touch(chat("a"));
    unsubscribe();
    store.actions.touch(chat("b"));
    expect(calls).toBe(1);
  });
});
