"use client";

import type { Attachment } from "./use-attachments";

/** Thumbnails of the images about to be sent, each with a remove button. */
export function AttachmentTray({ items, onRemove }: { items: Attachment[]; onRemove(id: string): void }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Attached images" className="mx-auto mb-2 flex w-full max-w-3xl flex-wrap gap-2">
      {items.map((item) => (
        <li key={item.id} className="relative" aria-busy={item.status === "uploading" || undefined}>
          <img
            src={item.previewUrl}
            alt={`Preview of ${item.name}`}
            className={`size-16 rounded-lg border border-zinc-300 object-cover dark:border-zinc-700 ${
              item.status === "uploading" ? "opacity-50" : ""
            }`}
          />
          {item.status === "uploading" && (
            <span className="absolute inset-x-0 bottom-0 rounded-b-lg bg-black/60 text-center text-[10px] text-white">
              Uploading…
            </span>
          )}
          <button
            type="button"
            onClick={() => onRemove(item.id)}
            aria-label={`Remove ${item.name}`}
            title={`Remove ${item.name}`}
            className="-top-2 -right-2 absolute flex size-6 items-center justify-center rounded-full border border-zinc-300 bg-white text-zinc-700 shadow-sm hover:bg-zinc-100 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-200"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5" fill="currentColor">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </li>
      ))}
    </ul>
  );
}
