"use client";

import { useCallback, useRef, useState } from "react";
import type { ChatSettings } from "@/lib/chat/chat-settings";
import { rememberModelChoice } from "@/lib/chat/model-preference";
import { responseErrorMessage } from "@/lib/http/response-error-message";

export interface ChatPreferences {
  modelId: string;
  settings: ChatSettings;
  /** The latest choices, for request bodies built outside React's render. */
  latest: { readonly current: { modelId: string; settings: ChatSettings } };
  /** Set when saving a choice to the server failed. */
  error: string | null;
  clearError(): void;
  selectModel(modelId: string): void;
  /** Resolves to an error message, or null once saved. */
  saveSettings(settings: ChatSettings): Promise<string | null>;
  /** The chat now exists on the server (its first message was sent). */
  markPersisted(): void;
}

async function patchChat(chatId: string, changes: { model?: string; settings?: ChatSettings }): Promise<string | null> {
  try {
    const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(changes),
    });
    if (response.ok) return null;
    return await responseErrorMessage(response, `Saving failed (${response.status}).`);
  } catch {
    return "Couldn't reach the server to save this. Check your connection.";
  }
}

/**
 * A chat's model and settings. They are stored with the chat: a chat that
 * exists on the server is updated at once; a new one sends them with its
 * first message. The model also becomes this browser's default for new chats.
 */
export function useChatPreferences(
  chatId: string,
  persistedInitially: boolean,
  initialModelId: string,
  initialSettings: ChatSettings,
): ChatPreferences {
  const [modelId, setModelId] = useState(initialModelId);
  const [settings, setSettings] = useState(initialSettings);
  const [error, setError] = useState<string | null>(null);
  const persisted = useRef(persistedInitially);
  const latest = useRef({ modelId, settings });
  latest.current = { modelId, settings };

  const selectModel = useCallback(
    (next: string) => {
      const previous = latest.current.modelId;
      setModelId(next);
      latest.current = { ...latest.current, modelId: next };
      rememberModelChoice(next);
      if (!persisted.current) return;
      void patchChat(chatId, { model: next }).then((problem) => {
        if (!problem) return;
        setError(problem);
        setModelId(previous);
      });
    },
    [chatId],
  );

  const saveSettings = useCallback(
    async (next: ChatSettings) => {
      if (persisted.current) {
        const problem = await patchChat(chatId, { settings: next });
        if (problem) return problem;
      }
      setSettings(next);
      latest.current = { ...latest.current, settings: next };
      return null;
    },
    [chatId],
  );

  const markPersisted = useCallback(() => {
    persisted.current = true;
  }, []);

  const clearError = useCallback(() => setError(null), []);

  return { modelId, settings, latest, error, clearError, selectModel, saveSettings, markPersisted };
}
