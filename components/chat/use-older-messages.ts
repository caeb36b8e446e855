"use client";

import { useCallback, useRef, useState } from "react";
import type { ChatMessage } from "@/lib/chat/chat-message";

export interface OlderMessages {
  hasOlder: boolean;
  loading: boolean;
  error: string | null;
  loadOlder(): Promise<void>;
}

/**
 * Long chats open on their latest page; this fetches the page before the
 * oldest message shown and puts it in front, one page per call.
 */
export function useOlderMessages(
  chatId: string,
  initiallyHasOlder: boolean,
  messages: ChatMessage[],
  setMessages: (update: (messages: ChatMessage[]) => ChatMessage[]) => void,
): OlderMessages {
  const [hasOlder, setHasOlder] = useState(initiallyHasOlder);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const oldestId = messages[0]?.id;

  const loadOlder = useCallback(async () => {
    if (inFlight.current || !hasOlder || !oldestId) return;
    inFlight.current = true;
    setLoading(true);
    try {
      const params = new URLSearchParams({ before: oldestId });
      const response = await fetch(`/api/chats/${encodeURIComponent(chatId)}/messages?${params}`, {
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const page = (await response.json()) as { messages: ChatMessage[]; hasOlder: boolean };
      setMessages((current) => {
        const shown = new Set(current.map((message) => message.id));
        return [...page.messages.filter((message) => !shown.has(message.id)), ...current];
      });
      setHasOlder(page.hasOlder);
      setError(null);
    } catch {
      setError("Couldn't load earlier messages.");
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [chatId, hasOlder, oldestId, setMessages]);

  return { hasOlder, loading, error, loadOlder };
}
