"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";

export interface DeleteChatDialogProps {
  title: string;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal confirmation: deleting a chat can't be undone. Esc and Cancel keep it. */
export function DeleteChatDialog({ title, onConfirm, onCancel }: DeleteChatDialogProps) {
  return (
    <ModalDialog labelledBy="delete-chat-heading" onClose={onCancel} className="w-[min(28rem,calc(100vw-2rem))] p-5">
      <h2 id="delete-chat-heading" className="font-semibold text-base">
        Delete chat?
      </h2>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        “{title}” and all its messages will be deleted. This can’t be undone.
      </p>
      <div className="mt-5 flex justify-end gap-2">
        {/* Cancel comes first and takes focus: the safe choice is the default. */}
        <button
          type="button"
          autoFocus
          onClick={onCancel}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Cancel
        </button>
        <button
          type="button"
          onClick={onConfirm}
          className="rounded-lg bg-red-600 px-3 py-1.5 font-medium text-sm text-white hover:bg-red-700"
        >
          Delete
        </button>
      </div>
    </ModalDialog>
  );
}
