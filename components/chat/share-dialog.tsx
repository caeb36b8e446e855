"use client";

import { useEffect, useId, useState } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { responseErrorMessage } from "@/lib/http/response-error-message";

interface ShareLink {
  id: string;
  path: string;
  indexable: boolean;
  includeSystemPrompt: boolean;
  updatedAt: number;
}

/**
 * Sharing a chat: says exactly what is shared, creates or updates the
 * snapshot link, copies it, and revokes it.
 */
export function ShareDialog({
  chatId,
  hasSystemPrompt,
  onClose,
}: {
  chatId: string;
  hasSystemPrompt: boolean;
  onClose(): void;
}) {
  const [link, setLink] = useState<ShareLink | null | undefined>(undefined);
  const [includeSystemPrompt, setIncludeSystemPrompt] = useState(false);
  const [indexable, setIndexable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const id = useId();
  const base = `/api/chats/${encodeURIComponent(chatId)}/share`;

  useEffect(() => {
    let live = true;
    fetch(base, { cache: "no-store" })
      .then(async (response) => {
        if (!response.ok) throw new Error(await responseErrorMessage(response));
        const { share } = (await response.json()) as { share: ShareLink | null };
        if (!live) return;
        setLink(share);
        if (share) {
          setIndexable(share.indexable);
          setIncludeSystemPrompt(share.includeSystemPrompt);
        }
      })
      .catch((problem: Error) => live && (setLink(null), setError(problem.message)));
    return () => {
      live = false;
    };
  }, [base]);

  const url = link ? `${window.location.origin}${link.path}` : "";

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(base, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ includeSystemPrompt, indexable }),
      });
      if (!response.ok) throw new Error(await responseErrorMessage(response));
      const { share } = (await response.json()) as { share: ShareLink };
      setStatus(link ? "Link updated with the chat as it is now." : "Link created.");
      setLink(share);
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : "Couldn't share this chat.");
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!link) return;
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/shares/${link.id}`, { method: "DELETE" });
      if (!response.ok) throw new Error(await responseErrorMessage(response));
      setLink(null);
      setStatus("Link revoked: it no longer opens.");
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : "Couldn't revoke the link.");
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("Link copied to the clipboard.");
    } catch {
      setStatus("Couldn't copy automatically: select the link and copy it.");
    }
  }

  const button =
    "rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <ModalDialog labelledBy={`${id}-heading`} onClose={onClose} className="w-[min(34rem,calc(100vw-1rem))] p-5">
      <div className="flex flex-col gap-4">
        <h2 id={`${id}-heading`} className="font-semibold text-base">
          Share this chat
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Anyone with the link can read a snapshot of this chat as it is now: its title, messages, tool calls and
          images. Messages you send later are not shared until you update the link. No sign-in is needed to read it, and
          you can revoke it at any time.
        </p>
        <fieldset className="flex flex-col gap-2 text-sm">
          <legend className="sr-only">Options</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={includeSystemPrompt}
              disabled={!hasSystemPrompt}
              onChange={(event) => setIncludeSystemPrompt(event.target.checked)}
            />
            Include the system prompt{hasSystemPrompt ? "" : " (this chat has none)"}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={indexable} onChange={(event) => setIndexable(event.target.checked)} />
            Let search engines index this link
          </label>
        </fieldset>

        {link && (
          <div className="flex gap-2">
            <label htmlFor={`${id}-url`} className="sr-only">
              Share link
            </label>
            <input
              id={`${id}-url`}
              readOnly
              value={url}
              onFocus={(event) => event.currentTarget.select()}
              className="min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 py-1.5 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950"
            />
            <button type="button" onClick={() => void copy()} className={button}>
              Copy link
            </button>
          </div>
        )}

        <p role="status" className="min-h-5 text-emerald-700 text-sm dark:text-emerald-400">
          {status}
        </p>
        {error && (
          <p role="alert" className="text-red-700 text-sm dark:text-red-400">
            {error}
          </p>
        )}

        <div className="flex flex-wrap items-center justify-between gap-2">
          <a href="/shares" className="text-sm underline">
            All shared links
          </a>
          <div className="flex flex-wrap gap-2">
            {link && (
              <button type="button" disabled={busy} onClick={() => void revoke()} className={button}>
                Revoke link
              </button>
            )}
            <button type="button" onClick={onClose} className={button}>
              Close
            </button>
            <button
              type="button"
              disabled={busy || link === undefined}
              onClick={() => void save()}
              className="rounded-lg bg-orange-700 px-3 py-1.5 font-medium text-sm text-white hover:bg-orange-800 disabled:opacity-60"
            >
              {link ? "Update link" : "Create link"}
            </button>
          </div>
        </div>
      </div>
    </ModalDialog>
  );
}
