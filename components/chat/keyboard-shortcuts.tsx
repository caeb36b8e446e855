"use client";

import { useEffect, useRef } from "react";

const SHORTCUTS: [keys: string, action: string][] = [
  ["Enter", "Send the message"],
  ["Shift + Enter", "New line in the message"],
  ["Esc", "Stop the reply while it streams"],
  ["Shift + Esc", "Focus the message box"],
  ["Ctrl/⌘ + Shift + O", "New chat"],
  ["Ctrl/⌘ + /", "Show these shortcuts"],
  ["↑ ↓, Enter, Esc", "Move, choose and close in the model picker"],
];

/** The keyboard shortcuts, listed in a modal dialog. */
export function KeyboardShortcutsDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-heading"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-1rem))] rounded-xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <h2 id="shortcuts-heading" className="mb-3 font-semibold text-base">
        Keyboard shortcuts
      </h2>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map(([keys, action]) => (
            <tr key={keys} className="border-zinc-100 border-b last:border-0 dark:border-zinc-800">
              <th scope="row" className="py-1.5 pr-3 text-left font-mono font-normal text-xs">
                {keys}
              </th>
              <td className="py-1.5">{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex justify-end">
        <button
          type="button"
          autoFocus
          onClick={onClose}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Close
        </button>
      </div>
    </dialog>
  );
}

/** Shift+Esc focuses the composer; Ctrl/Cmd+/ opens the shortcut list. */
export function useChatShortcuts(openHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && event.shiftKey) {
        event.preventDefault();
        document.getElementById("composer")?.focus();
      } else if (event.key === "/" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        openHelp();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [openHelp]);
}
