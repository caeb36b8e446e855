"use client";

import { useEffect } from "react";

/** Ctrl+Shift+O (Cmd+Shift+O on a Mac) starts a new chat from anywhere, as in other chat apps. */
export function useNewChatShortcut(startNewChat: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "o") {
        event.preventDefault();
        startNewChat();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [startNewChat]);
}
