"use client";

import type { FileUIPart } from "ai";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useChatHistoryActions, useChatHistorySelector } from "@/components/sidebar/chat-history-provider";
import type { CatalogModel } from "@/lib/ai/catalog";
import type { ApprovalToolName } from "@/lib/ai/tools/tool-approval";
import type { ChatMessage } from "@/lib/chat/chat-message";
import type { ChatSettings } from "@/lib/chat/chat-settings";
import { fallbackTitle } from "@/lib/chat/fallback-title";
import type { BranchVersion } from "@/lib/db/versions";
import { ChatError } from "./chat-error";
import { ChatMenu } from "./chat-menu";
import { Composer } from "./composer";
import { KeyboardShortcutsDialog, useChatShortcuts } from "./keyboard-shortcuts";
import { preloadMarkdown } from "./markdown";
import type { OnMessageAction } from "./message-actions";
import { MessageList } from "./message-list";
import { ModelPicker } from "./model-picker";
import { OfflineNotice } from "./offline-notice";
import { readChatError } from "./read-chat-error";
import { useAttachments } from "./use-attachments";
import { useChatEngine } from "./use-chat-engine";
import { useChatPreferences } from "./use-chat-preferences";
import { useOlderMessages } from "./use-older-messages";

// Dialogs open on demand, so their code is fetched then, not on every page load.
const ChatSettingsDialog = lazy(() =>
  import("./chat-settings-dialog").then((mod) => ({ default: mod.ChatSettingsDialog })),
);
const ShareDialog = lazy(() => import("./share-dialog").then((mod) => ({ default: mod.ShareDialog })));

export interface ChatProps {
  chatId: string;
  /** The stored title; "New chat" before the first message. */
  title: string;
  /** The latest page of the chat's messages. */
  initialMessages: ChatMessage[];
  /** Whether older messages than `initialMessages` exist on the server. */
  hasOlder: boolean;
  /** Earlier branches (regenerated replies, edited messages). */
  versions: BranchVersion[];
  /** The models the picker offers. */
  models: readonly CatalogModel[];
  /** The chat's model (or, for a new chat, this browser's default). */
  modelId: string;
  settings: ChatSettings;
  /** Whether the chat already exists on the server (it has messages). */
  persisted: boolean;
  /** The server already knows it will answer offline. */
  offline: boolean;
  /** Something to tell the user about how the chat was opened (e.g. an unknown ?model=). */
  notice?: string;
}

export function Chat({
  chatId,
  title,
  initialMessages,
  hasOlder,
  versions: initialVersions,
  models,
  modelId: initialModelId,
  settings: initialSettings,
  persisted,
  offline,
  notice: initialNotice,
}: ChatProps) {
  const [draft, setDraft] = useState("");
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const showShortcuts = useCallback(() => setShortcutsOpen(true), []);
  useChatShortcuts(showShortcuts);
  const [versions, setVersions] = useState(initialVersions);
  const [viewing, setViewing] = useState<{ parentId: string; version: number } | null>(null);
  const [notice, setNotice] = useState(initialNotice);
  const preferences = useChatPreferences(chatId, persisted, initialModelId, initialSettings);
  const { modelId, latest, markPersisted } = preferences;
  const model = models.find((candidate) => candidate.id === modelId);
  const { touch, setTitle, setDrawerOpen } = useChatHistoryActions();
  const currentTitle = useChatHistorySelector((list) => list.chats.find((chat) => chat.id === chatId)?.title) ?? title;
  const drawerOpen = useChatHistorySelector((list) => list.drawerOpen);
  const attachments = useAttachments(chatId);
  const attachDisabledReason =
    model && !model.vision
      ? `${model.name} can't read images. Pick a model marked “Vision” to attach them.`
      : undefined;

  const onTitle = useCallback(
    (id: string, newTitle: string) => {
      setTitle(id, newTitle);
      document.title = `${newTitle} · Workers AI Chat`;
    },
    [setTitle],
  );
  // The live chat (useChat and the `ai` SDK) and the markdown renderer load after the page: at the
  // first sign of use, or while idle in a chat that has messages. A new chat needs neither until the
  // person starts typing, and a message takes longer to type than they take to load.
  const started = initialMessages.length > 0;
  const engine = useChatEngine(chatId, initialMessages, latest, onTitle, started);
  const { messages, status, error, setMessages, run, prepare } = engine;
  const older = useOlderMessages(chatId, hasOlder, messages, setMessages);
  useEffect(() => {
    if (!started) return;
    if (typeof requestIdleCallback !== "function") return preloadMarkdown();
    const handle = requestIdleCallback(preloadMarkdown, { timeout: 3000 });
    return () => cancelIdleCallback(handle);
  }, [started]);
  const engage = useCallback(() => {
    prepare();
    preloadMarkdown();
  }, [prepare]);

  // Waiting for the engine counts as busy: the send is on its way, another must not start.
  const busy = status === "submitted" || status === "streaming" || engine.waiting;
  const answeredOffline = offline || messages.some((message) => message.metadata?.offline === true);
  const chatError = error ? readChatError(error) : null;

  const send = useCallback(
    (typed: string) => {
      // Caught here so nothing is sent (and nothing typed is cleared) when the model can't see images.
      if (attachments.readyParts().length > 0 && attachDisabledReason) {
        attachments.setError(`${attachDisabledReason} Or remove the images to send just the text.`);
        return;
      }
      // Until the engine has loaded, the text and images stay in the composer (shown busy), so
      // nothing is lost if it can't load; what is there when it has is what goes (`typed`, unless
      // the person typed on meanwhile).
      void run(async ({ sendMessage, clearError }) => {
        const text = draftRef.current || typed;
        const files = attachments.readyParts();
        if (!text.trim() && files.length === 0) return;
        setDraft((current) => (current === text ? "" : current));
        attachments.clear();
        clearError();
        // The chat gets its address on first send, without a reload.
        const chatPath = `/chat/${chatId}`;
        if (window.location.pathname !== chatPath) window.history.replaceState(null, "", chatPath);
        const titleText = text.trim() ? text : (files[0]?.filename ?? "Image");
        touch({ id: chatId, title: fallbackTitle(titleText), model: modelId, updatedAt: Date.now() });
        markPersisted();
        await sendMessage(files.length > 0 ? { text, files } : { text });
      });
    },
    [run, chatId, touch, modelId, markPersisted, attachments, attachDisabledReason],
  );

  const { saveSettings } = preferences;
  const answerApproval = useCallback(
    async (approvalId: string, approved: boolean, alwaysAllow?: ApprovalToolName) => {
      if (approved && alwaysAllow) {
        const current = latest.current.settings;
        if (!current.alwaysAllowTools.includes(alwaysAllow)) {
          await saveSettings({ ...current, alwaysAllowTools: [...current.alwaysAllowTools, alwaysAllow] });
        }
      }
      await run(({ addToolApprovalResponse }) =>
        addToolApprovalResponse({
          id: approvalId,
          approved,
          ...(approved ? {} : { reason: "Denied by the user." }),
        }),
      );
    },
    [run, saveSettings, latest],
  );

  /** Keeps what a regenerate or an edit replaces, the way the server does, so ‹1/2› appears at once. */
  const keepAsVersion = useCallback((parentId: string, branch: ChatMessage[]) => {
    if (branch.length === 0) return;
    setVersions((current) => [
      ...current,
      {
        parentId,
        version: current.filter((version) => version.parentId === parentId).length + 1,
        messages: branch,
      },
    ]);
  }, []);

  // `messages` is what the engine starts from when it wasn't there yet, so it is current either way.
  const regenerateReply = useCallback(() => {
    const lastUser = messages.findLastIndex((message) => message.role === "user");
    const question = messages[lastUser];
    if (!question) return;
    void run(({ regenerate, clearError }) => {
      setViewing(null);
      clearError();
      keepAsVersion(question.id, messages.slice(lastUser + 1));
      void regenerate();
    });
  }, [messages, keepAsVersion, run]);

  const onAction = useCallback<OnMessageAction>(
    (_message, action) => {
      if (action.type === "regenerate") regenerateReply();
      else if (action.type === "show-version") {
        const total = versions.filter((version) => version.parentId === action.parentId).length + 1;
        setViewing(action.version >= total ? null : { parentId: action.parentId, version: action.version });
      }
    },
    [regenerateReply, versions],
  );

  const editMessage = useCallback(
    (message: ChatMessage, text: string) => {
      const index = messages.findIndex((candidate) => candidate.id === message.id);
      if (index === -1) return;
      void run(({ sendMessage }) => {
        setViewing(null);
        keepAsVersion(messages[index - 1]?.id ?? "", messages.slice(index));
        // The images stay with the edited message; only its text changes.
        const files = message.parts.filter((part): part is FileUIPart => part.type === "file");
        void sendMessage({ text, messageId: message.id, ...(files.length > 0 ? { files } : {}) });
      });
    },
    [messages, keepAsVersion, run],
  );

  const useExample = useCallback((text: string) => {
    setDraft(text);
    document.getElementById("composer")?.focus();
  }, []);

  // Stop ends the stream here and asks the server to stop generating too, so a reload shows the same partial reply.
  // Before the engine has loaded nothing has been sent yet: Stop just drops what was waiting for it.
  const { waiting, cancelWaiting } = engine;
  const stopReply = useCallback(() => {
    if (waiting) {
      cancelWaiting();
      return;
    }
    void run(({ stop }) => stop());
    void fetch(`/api/chats/${encodeURIComponent(chatId)}/stop`, { method: "POST" }).catch(() => {});
  }, [waiting, cancelWaiting, run, chatId]);

  // A request the server never accepted (network down, rejected input, rate limited) loses nothing: the
  // text and images go straight back into the composer to fix or resend; the alert stays until dismissed.
  const restoredFor = useRef<Error | undefined>(undefined);
  useEffect(() => {
    if (!error || restoredFor.current === error || !chatError || chatError.requestReachedServer) return;
    restoredFor.current = error; // Once per error: the message before it may be a saved one.
    const last = messages.at(-1);
    if (last?.role !== "user") return;
    const text = last.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
    setMessages(() => messages.slice(0, -1));
    setDraft((current) => current || text);
    attachments.restore(last.parts.filter((part): part is FileUIPart => part.type === "file"));
  }, [error, chatError, messages, setMessages, attachments]);

  const clearChatError = useCallback(() => void run(({ clearError }) => clearError()), [run]);

  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-2 border-zinc-200 border-b px-2 py-3 sm:gap-3 sm:px-4 dark:border-zinc-800">
        <button
          type="button"
          onClick={() => setDrawerOpen(true)}
          aria-controls="chat-history"
          aria-expanded={drawerOpen}
          className="shrink-0 rounded-lg border border-zinc-300 p-1.5 hover:bg-zinc-100 md:hidden dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path d="M3 5.75A.75.75 0 0 1 3.75 5h12.5a.75.75 0 0 1 0 1.5H3.75A.75.75 0 0 1 3 5.75Zm0 4.25a.75.75 0 0 1 .75-.75h12.5a.75.75 0 0 1 0 1.5H3.75A.75.75 0 0 1 3 10Zm.75 3.5a.75.75 0 0 0 0 1.5h12.5a.75.75 0 0 0 0-1.5H3.75Z" />
          </svg>
          <span className="sr-only">Chats</span>
        </button>
        <h1 className="min-w-0 flex-1 truncate font-semibold text-base">{currentTitle}</h1>
        <ModelPicker models={models} value={modelId} onChange={preferences.selectModel} />
        <button
          type="button"
          onClick={() => setShareOpen(true)}
          disabled={messages.length === 0}
          aria-haspopup="dialog"
          title={messages.length === 0 ? "Send a message first" : "Share a snapshot of this chat"}
          className="flex shrink-0 items-center gap-1.5 rounded-lg border border-zinc-300 px-2 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <path d="M13 4.5a2.5 2.5 0 1 1 .7 1.74L7.9 9.13a2.5 2.5 0 0 1 0 1.74l5.8 2.89a2.5 2.5 0 1 1-.67 1.34l-5.8-2.9a2.5 2.5 0 1 1 0-3.4l5.8-2.9A2.5 2.5 0 0 1 13 4.5Z" />
          </svg>
          <span className="max-sm:sr-only">Share</span>
        </button>
        <button
          type="button"
          onClick={() => setSettingsOpen(true)}
          aria-haspopup="dialog"
          title="Chat settings"
          className="flex shrink-0 items-center gap-1.5 rounded-lg border border-zinc-300 px-2 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
            <path
              fillRule="evenodd"
              d="M8.34 1.8A1 1 0 0 1 9.32 1h1.36a1 1 0 0 1 .98.8l.28 1.4c.4.16.78.38 1.13.63l1.35-.46a1 1 0 0 1 1.19.45l.68 1.18a1 1 0 0 1-.2 1.25l-1.07.94a5.6 5.6 0 0 1 0 1.3l1.07.93a1 1 0 0 1 .2 1.26l-.68 1.18a1 1 0 0 1-1.19.44l-1.35-.45c-.35.25-.73.46-1.13.63l-.28 1.4a1 1 0 0 1-.98.8H9.32a1 1 0 0 1-.98-.8l-.28-1.4a5.5 5.5 0 0 1-1.13-.63l-1.35.45a1 1 0 0 1-1.19-.44l-.68-1.18a1 1 0 0 1 .2-1.26l1.07-.93a5.6 5.6 0 0 1 0-1.3l-1.07-.94a1 1 0 0 1-.2-1.25l.68-1.18a1 1 0 0 1 1.19-.45l1.35.46c.35-.25.73-.47 1.13-.63l.28-1.4ZM10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z"
            />
          </svg>
          <span className="max-sm:sr-only">Settings</span>
        </button>
        <ChatMenu chatId={chatId} persisted={messages.length > 0} onShowShortcuts={showShortcuts} />
      </header>
      {answeredOffline && <OfflineNotice />}
      {(notice || preferences.error) && (
        <p
          role="alert"
          className="flex items-center justify-between gap-3 border-amber-200 border-b bg-amber-50 px-4 py-2 text-amber-950 text-sm dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {preferences.error ?? notice}
          <button
            type="button"
            onClick={() => {
              setNotice(undefined);
              preferences.clearError();
            }}
            className="shrink-0 underline"
          >
            Dismiss
          </button>
        </p>
      )}
      <MessageList
        messages={messages}
        status={waiting ? "submitted" : status}
        older={older}
        models={models}
        onAnswerApproval={answerApproval}
        versions={versions}
        viewing={viewing}
        onAction={onAction}
        onEdit={editMessage}
        onBackToLatest={() => setViewing(null)}
        onExample={useExample}
      />
      {chatError && (
        <ChatError
          error={chatError}
          onRetry={chatError.requestReachedServer ? regenerateReply : undefined}
          onDismiss={clearChatError}
        />
      )}
      {engine.loadError && (
        <ChatError
          error={{ code: "engine_unavailable", message: engine.loadError, requestReachedServer: false }}
          onDismiss={engine.clearLoadError}
        />
      )}
      <Composer
        value={draft}
        onChange={setDraft}
        onSend={send}
        onStop={stopReply}
        onEngage={engage}
        busy={busy}
        attachments={attachments}
        attachDisabledReason={attachDisabledReason}
      />
      {engine.element}
      {shortcutsOpen && <KeyboardShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      <Suspense fallback={null}>
        {shareOpen && (
          <ShareDialog
            chatId={chatId}
            hasSystemPrompt={preferences.settings.systemPrompt.trim().length > 0}
            onClose={() => setShareOpen(false)}
          />
        )}
        {settingsOpen && model && (
          <ChatSettingsDialog
            settings={preferences.settings}
            model={model}
            onSave={preferences.saveSettings}
            onClose={() => setSettingsOpen(false)}
          />
        )}
      </Suspense>
    </div>
  );
}
