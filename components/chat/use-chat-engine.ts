"use client";

import type { ChatStatus } from "ai";
import { createElement, type ReactElement, useCallback, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { ChatEngineActions, ChatEngineProps, ChatEngineSnapshot } from "./chat-engine";
import type { ChatPreferences } from "./use-chat-preferences";

type EngineComponent = typeof import("./chat-engine")["ChatEngine"];

// One download per page, shared by every chat the page shows ("New chat" remounts the chat).
let loadedEngine: EngineComponent | undefined;
let loadingEngine: Promise<EngineComponent> | undefined;

function loadEngine(): Promise<EngineComponent> {
  loadingEngine ??= import("./chat-engine").then(
    (module) => {
      loadedEngine = module.ChatEngine;
      return module.ChatEngine;
    },
    (error: unknown) => {
      loadingEngine = undefined; // The next action tries again.
      throw error;
    },
  );
  return loadingEngine;
}

/** In a chat with messages, fetched while the page is idle after hydrating; any action before then fetches it at once. */
const IDLE_LOAD_TIMEOUT_MS = 2000;

export interface ChatEngine {
  messages: ChatMessage[];
  status: ChatStatus;
  error: Error | undefined;
  /** Something waits for the engine (a send, a regenerate...): show the chat as busy. */
  waiting: boolean;
  /** The engine's code couldn't be fetched (offline); the action that wanted it was dropped. */
  loadError: string | null;
  clearLoadError(): void;
  /**
   * Runs `action` with the engine now, or as soon as it has loaded (fetching it if need be).
   * Settles when the action has; resolves without running it if it was dropped (Stop, load failure).
   */
  run(action: EngineAction): Promise<void>;
  /** Starts fetching the engine (the person is about to need it: they type, click, attach...). */
  prepare(): void;
  /** Drops the actions still waiting for the engine (Stop before anything was sent). */
  cancelWaiting(): void;
  setMessages(update: (messages: ChatMessage[]) => ChatMessage[]): void;
  /** Render it anywhere in the chat: it draws nothing. */
  element: ReactElement | null;
}

const READY = "ready" satisfies ChatStatus;

type EngineAction = (engine: ChatEngineActions) => void | PromiseLike<void>;

interface Waiting {
  action: EngineAction;
  settle(outcome: Promise<void> | undefined): void;
}

function runNow(action: EngineAction, engine: ChatEngineActions): Promise<void> {
  try {
    return Promise.resolve(action(engine));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The chat shell's side of the lazily loaded chat engine (chat-engine.tsx). Until the engine is
 * there the shell shows `initialMessages` as a chat at rest; actions wait in order and run once it
 * has published its state. The engine is never remounted, so the composer and list are never
 * either: only the state they render comes from a different place.
 */
export function useChatEngine(
  chatId: string,
  initialMessages: ChatMessage[],
  latest: ChatPreferences["latest"],
  onTitle: (chatId: string, title: string) => void,
  /**
   * Whether to fetch the engine when idle, before any sign of use. A chat that hasn't started has
   * no use for it until the person engages (focuses, types, clicks), which fetches it anyway.
   */
  loadWhenIdle: boolean,
): ChatEngine {
  const [Engine, setEngine] = useState<{ component: EngineComponent } | null>(() =>
    loadedEngine ? { component: loadedEngine } : null,
  );
  const [actions, setActions] = useState<ChatEngineActions | null>(null);
  const [snapshot, setSnapshot] = useState<ChatEngineSnapshot | null>(null);
  // Before the engine: the shell's own messages (older ones can be loaded before anything else).
  const [shellMessages, setShellMessages] = useState(initialMessages);
  const [waiting, setWaiting] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const actionsRef = useRef<ChatEngineActions | null>(null);
  const queue = useRef<Waiting[]>([]);
  const onTitleRef = useRef(onTitle);
  onTitleRef.current = onTitle;

  const prepare = useCallback(() => {
    if (loadedEngine) {
      const component = loadedEngine;
      setEngine((current) => current ?? { component });
      return;
    }
    loadEngine().then(
      (component) => setEngine((current) => current ?? { component }),
      () => {
        // Nothing is lost: a waiting send kept its text and images in the composer.
        if (queue.current.length > 0) {
          for (const waiting of queue.current.splice(0)) waiting.settle(undefined);
          setWaiting(false);
          setLoadError("Couldn't load the chat. Check your connection and try again.");
        }
      },
    );
  }, []);

  useEffect(() => {
    if (Engine || !loadWhenIdle) return;
    if (typeof requestIdleCallback !== "function") {
      const timer = setTimeout(prepare, IDLE_LOAD_TIMEOUT_MS);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(prepare, { timeout: IDLE_LOAD_TIMEOUT_MS });
    return () => cancelIdleCallback(handle);
  }, [Engine, prepare, loadWhenIdle]);

  const run = useCallback(
    (action: EngineAction) => {
      const engine = actionsRef.current;
      if (engine) return runNow(action, engine);
      const done = new Promise<void>((resolve) => {
        queue.current.push({ action, settle: (outcome) => resolve(outcome) });
      });
      setWaiting(true);
      setLoadError(null);
      prepare();
      return done;
    },
    [prepare],
  );

  // Waiting actions run after the shell has rendered the engine's state, so they see what it sees.
  useEffect(() => {
    if (!actions || queue.current.length === 0) return;
    setWaiting(false);
    for (const waiting of queue.current.splice(0)) waiting.settle(runNow(waiting.action, actions));
  }, [actions]);

  const cancelWaiting = useCallback(() => {
    for (const waiting of queue.current.splice(0)) waiting.settle(undefined);
    setWaiting(false);
  }, []);

  const setMessages = useCallback(
    (update: (messages: ChatMessage[]) => ChatMessage[]) => {
      const engine = actionsRef.current;
      if (engine) engine.setMessages(update);
      else {
        setShellMessages(update);
        prepare();
      }
    },
    [prepare],
  );

  const onReady = useCallback((engine: ChatEngineActions) => {
    actionsRef.current = engine;
    setActions(engine);
  }, []);
  const onEngineTitle = useCallback((id: string, title: string) => onTitleRef.current(id, title), []);
  const clearLoadError = useCallback(() => setLoadError(null), []);

  const props: ChatEngineProps = {
    chatId,
    messages: shellMessages,
    latest,
    onTitle: onEngineTitle,
    onReady,
    onSnapshot: setSnapshot,
  };
  return {
    messages: snapshot?.messages ?? shellMessages,
    status: snapshot?.status ?? READY,
    error: snapshot?.error,
    waiting,
    loadError,
    clearLoadError,
    run,
    prepare,
    cancelWaiting,
    setMessages,
    element: Engine ? createElement(Engine.component, { key: chatId, ...props }) : null,
  };
}
