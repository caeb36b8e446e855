"use client";

import { useEffect, useRef, useState } from "react";

/** The header's "More" disclosure: export the chat, see the keyboard shortcuts. */
export function ChatMenu({
  chatId,
  persisted,
  onShowShortcuts,
}: {
  chatId: string;
  persisted: boolean;
  onShowShortcuts(): void;
}) {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const item =
    "block w-full rounded-md px-3 py-1.5 text-left text-sm hover:bg-zinc-100 aria-disabled:pointer-events-none aria-disabled:opacity-50 dark:hover:bg-zinc-800";
  const exportHref = (format: string) => `/api/chats/${encodeURIComponent(chatId)}/export?format=${format}`;
  return (
    <div ref={container} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="chat-menu"
        onClick={() => setOpen(!open)}
        className="shrink-0 rounded-lg border border-zinc-300 px-2 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-900"
      >
        <span aria-hidden="true">⋯</span>
        <span className="sr-only">More</span>
      </button>
      {open && (
        <div
          id="chat-menu"
          className="absolute top-full right-0 z-50 mt-2 w-56 rounded-xl border border-zinc-200 bg-white p-1 shadow-xl dark:border-zinc-800 dark:bg-zinc-900"
        >
          <a
            href={persisted ? exportHref("markdown") : undefined}
            aria-disabled={!persisted}
            download
            onClick={() => setOpen(false)}
            className={item}
          >
            Export as Markdown
          </a>
          <a
            href={persisted ? exportHref("json") : undefined}
            aria-disabled={!persisted}
            download
            onClick={() => setOpen(false)}
            className={item}
          >
            Export as JSON
          </a>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              onShowShortcuts();
            }}
            className={item}
          >
            Keyboard shortcuts
          </button>
        </div>
      )}
    </div>
  );
}
