"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";

export interface ComposerProps {
  value: string;
  onChange(value: string): void;
  onSend(text: string): void;
  onStop(): void;
  busy: boolean;
}

const MAX_ROWS_HEIGHT_PX = 240;

export function Composer({ value, onChange, onSend, onStop, busy }: ComposerProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const canSend = value.trim().length > 0 && !busy;

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
    // Enter sends, Shift+Enter is a newline; never send mid-IME-composition.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === "Escape" && busy) {
      event.preventDefault();
      onStop();
    }
  }

  return (
    <form
      onSubmit={submit}
      data-ready={ready || undefined}
      className="border-zinc-200 border-t px-4 py-3 dark:border-zinc-800"
    >
      <div className="mx-auto flex w-full max-w-3xl items-end gap-2">
        <label htmlFor="composer" className="sr-only">
          Message
        </label>
        <textarea
          id="composer"
          ref={textarea}
          rows={1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder="Send a message (Enter to send, Shift+Enter for a new line)"
          className="max-h-60 min-h-11 flex-1 resize-none rounded-xl border border-zinc-300 bg-white px-3 py-2.5 text-base leading-6 outline-none focus:border-orange-500 focus:ring-2 focus:ring-orange-500/30 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {busy ? (
          <button
            type="button"
            onClick={onStop}
            className="h-11 rounded-xl bg-zinc-800 px-4 font-medium text-white hover:bg-zinc-700 dark:bg-zinc-200 dark:text-zinc-900 dark:hover:bg-zinc-300"
          >
            Stop
          </button>
        ) : (
          <button
            type="submit"
            disabled={!canSend}
            className="h-11 rounded-xl bg-orange-700 px-4 font-medium text-white hover:bg-orange-800 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Send
          </button>
        )}
      </div>
    </form>
  );
}
