"use client";

import { useEffect } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";

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
  return (
    <ModalDialog labelledBy="shortcuts-heading" onClose={onClose} className="w-[min(28rem,calc(100vw-1rem))] p-5">
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
    </ModalDialog>
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
