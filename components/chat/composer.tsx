"use client";

import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { ATTACHMENT_TYPES } from "@/lib/files/attachment-limits";
import { AttachmentTray } from "./attachment-tray";
import type { Attachments } from "./use-attachments";
import { VoiceInput } from "./voice-input";

export interface ComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(text: string): void;
  onStop(): void;
  /** The person started on a message (clicked or tabbed into the box, typed, attached): get ready to send. */
  onEngage?(): void;
  busy: boolean;
  attachments: Attachments;
  /** Why images can't be attached right now (the model has no vision); undefined when they can. */
  attachDisabledReason?: string;
}

const MAX_ROWS_HEIGHT_PX = 240;

export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  onEngage,
  busy,
  attachments,
  attachDisabledReason,
}: ComposerProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [voiceError, setVoiceError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const hasImages = attachments.items.length > 0;
  const canSend = (value.trim().length > 0 || hasImages) && !busy && !attachments.uploading;
  const alert = attachments.error ?? voiceError;

  // Grow with the text up to a limit, then scroll.
  useEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_ROWS_HEIGHT_PX)}px`;
  }, [value]);

  // Text typed before the page finished loading (hydrating) is kept, not reset to "".
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const element = textarea.current;
    if (element?.value && !value) onChange(element.value);
    element?.focus();
    setReady(true);
  }, []);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (canSend) onSend(value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    onEngage?.();
    // Enter sends, Shift+Enter is a newline; never send mid-IME-composition.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && busy) {
      event.preventDefault();
      onStop();
    }
  }

  /** Files from the button, a drop or a paste; refused with the reason when the model can't see images. */
  function attach(files: File[]) {
    if (files.length === 0) return;
    onEngage?.();
    if (attachDisabledReason) {
      attachments.setError(attachDisabledReason);
      return;
    }
    setVoiceError(null);
    attachments.add(files);
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = Array.from(event.clipboardData.files);
    // Only a paste that carries files is taken over; pasted text goes into the message as usual.
    if (files.length === 0) return;
    event.preventDefault();
    attach(files);
  }

  function onDragOver(event: DragEvent<HTMLFormElement>) {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = attachDisabledReason ? "none" : "copy";
    setDragging(true);
  }

  function onDrop(event: DragEvent<HTMLFormElement>) {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    setDragging(false);
    attach(Array.from(event.dataTransfer.files));
  }

  function insertTranscript(text: string) {
    // Added to what is already typed, for the person to review and send.
    onEngage?.();
    onChange(value.trim() ? `${value.trimEnd()} ${text}` : text);
    textarea.current?.focus();
  }

  return (
    <form
      onSubmit={submit}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-ready={ready || undefined}
      className={`border-zinc-200 border-t px-4 py-3 dark:border-zinc-800 ${dragging ? "bg-orange-50 dark:bg-orange-950/30" : ""}`}
    >
      {alert && (
        <div
          role="alert"
          className="mx-auto mb-2 flex w-full max-w-3xl items-start justify-between gap-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-red-900 text-sm dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <span>{alert}</span>
          <button
            type="button"
            onClick={() => {
              attachments.setError(null);
              setVoiceError(null);
            }}
            className="shrink-0 underline"
          >
            Dismiss
          </button>
        </div>
      )}
      <AttachmentTray items={attachments.items} onRemove={attachments.remove} />
      <div className="mx-auto flex w-full max-w-3xl items-end gap-2">
        <input
          ref={fileInput}
          type="file"
          accept={ATTACHMENT_TYPES.join(",")}
          multiple
          hidden
          aria-label="Image files"
          onChange={(event) => {
            attach(Array.from(event.target.files ?? []));
            // Picking the same file again after removing it fires change again.
            event.target.value = "";
          }}
        />
        <button
          type="button"
          onClick={() =>
            attachDisabledReason ? attachments.setError(attachDisabledReason) : fileInput.current?.click()
          }
          aria-label="Attach images"
          aria-disabled={attachDisabledReason ? true : undefined}
          aria-describedby={attachDisabledReason ? hintId : undefined}
          title={attachDisabledReason ?? "Attach images (or drop or paste them here)"}
          className="flex size-11 shrink-0 items-center justify-center rounded-xl border border-zinc-300 hover:bg-zinc-100 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path
              fillRule="evenodd"
              d="M1 5.25A2.25 2.25 0 0 1 3.25 3h13.5A2.25 2.25 0 0 1 19 5.25v9.5A2.25 2.25 0 0 1 16.75 17H3.25A2.25 2.25 0 0 1 1 14.75v-9.5Zm1.5 5.81v3.69c0 .41.34.75.75.75h13.5a.75.75 0 0 0 .75-.75v-2.69l-2.22-2.22a.75.75 0 0 0-1.06 0l-1.91 1.9.47.47a.75.75 0 1 1-1.06 1.06L6.53 8.84a.75.75 0 0 0-1.06 0L2.5 11.06ZM12 7a1 1 0 1 1-2 0 1 1 0 0 1 2 0Z"
            />
          </svg>
        </button>
        {attachDisabledReason && (
          <span id={hintId} className="sr-only">
            {attachDisabledReason}
          </span>
        )}
        <label htmlFor="composer" className="sr-only">
          Message
        </label>
        <textarea
          id="composer"
          ref={textarea}
          rows={1}
          value={value}
          onChange={(event) => {
            onEngage?.();
            onChange(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onPointerDown={onEngage}
          // Not the page's own focus on load (before `ready`): only a person coming to the box.
          onFocus={ready ? onEngage : undefined}
          onPaste={onPaste}
          placeholder="Send a message (Enter to send, Shift+Enter for a new line)"
          className="max-h-60 min-h-11 min-w-0 flex-1 resize-none rounded-xl border border-zinc-300 bg-white px-3 py-2.5 text-base leading-6 outline-none focus:border-orange-500 focus:ring-2 focus:ring-orange-500/30 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <VoiceInput onTranscript={insertTranscript} onError={setVoiceError} />
        {/* Separate keys, so they are separate elements: were Stop's node turned into Send during the click
            (Stop can take effect at once), the click's default action would submit the form. */}
        {busy ? (
          <button
            key="stop"
            type="button"
            onClick={onStop}
            className="h-11 rounded-xl bg-zinc-800 px-4 font-medium text-white hover:bg-zinc-700 dark:bg-zinc-200 dark:text-zinc-900 dark:hover:bg-zinc-300"
          >
            Stop
          </button>
        ) : (
          <button
            key="send"
            type="submit"
            disabled={!canSend}
            title={attachments.uploading ? "Waiting for images to upload" : undefined}
            className="h-11 rounded-xl bg-orange-700 px-4 font-medium text-white hover:bg-orange-800 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Send
          </button>
        )}
      </div>
    </form>
  );
}
