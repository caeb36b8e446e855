"use client";

import { useState } from "react";
import { responseErrorMessage } from "@/lib/http/response-error-message";

/** "Continue this conversation": copies the snapshot into a new chat of the visitor's own and opens it. */
export function ForkButton({ shareId }: { shareId: string }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  async function fork() {
    setState({ busy: true });
    try {
      const response = await fetch(`/api/shares/${shareId}/fork`, { method: "POST" });
      if (!response.ok) throw new Error(await responseErrorMessage(response));
      const { path } = (await response.json()) as { path: string };
      window.location.assign(path);
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : "Couldn't copy this chat." });
    }
  }

  return (
    <div className="flex flex-col items-center gap-2">
      <button
        type="button"
        onClick={() => void fork()}
        disabled={state.busy}
        className="rounded-xl bg-orange-700 px-4 py-2 font-medium text-white hover:bg-orange-800 disabled:opacity-60"
      >
        {state.busy ? "Copying…" : "Continue this conversation"}
      </button>
      {state.error && (
        <p role="alert" className="text-red-700 text-sm dark:text-red-400">
          {state.error}
        </p>
      )}
    </div>
  );
}
