"use client";

import { type ReactNode, useEffect, useRef } from "react";

const PANEL =
  "m-auto rounded-xl border border-zinc-200 bg-white text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100";

/**
 * A native modal <dialog>, open while mounted: the browser traps focus, makes
 * the page behind inert and closes on Esc, which we turn into `onClose` so the
 * parent decides (and can keep unsaved input).
 */
export function ModalDialog({
  labelledBy,
  onClose,
  className = "",
  children,
}: {
  labelledBy: string;
  onClose(): void;
  /** Width and padding; the panel look is shared. */
  className?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`${PANEL} ${className}`}
    >
      {children}
    </dialog>
  );
}
