"use client";

import { useEffect, useId, useState } from "react";
import { type ApprovalToolName, needsApproval } from "@/lib/ai/tools/tool-approval";
import { toolLabel } from "@/lib/ai/tools/tool-labels";
import { ToolCallDetails } from "./tool-call-details";
import { type ChatToolPart, toolNameOf } from "./tool-part";
import { gist, opensByDefault, STATUS_LABELS, STATUS_STYLES, statusOf } from "./tool-status";

/** Answers a tool call waiting for approval; `alwaysAllow` also lets that tool run without asking in this chat. */
export type AnswerApproval = (approvalId: string, approved: boolean, alwaysAllow?: ApprovalToolName) => Promise<void>;

/**
 * One tool call as a card: its name in words, a live status, the arguments as
 * they stream in, then the result for its kind or the reason it failed. Calls
 * that wait for approval show Approve and Deny.
 */
export function ToolCall({ part, onAnswerApproval }: { part: ChatToolPart; onAnswerApproval?: AnswerApproval }) {
  const toolName = toolNameOf(part);
  const status = statusOf(part);
  const label = toolLabel(toolName);
  // Open when there is something to act on or see; the reader can still fold it.
  const wantsAttention = opensByDefault(status, toolName);
  const [open, setOpen] = useState(wantsAttention);
  useEffect(() => {
    if (wantsAttention) setOpen(true);
  }, [wantsAttention]);

  const summary = gist(part.input);
  return (
    <details
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="rounded-lg border border-zinc-200 text-sm dark:border-zinc-800"
    >
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2">
        <span className="font-medium">{label}</span>
        <span
          className={`rounded-full px-2 py-0.5 text-xs ${STATUS_STYLES[status]}`}
          data-testid="tool-state"
          aria-live="polite"
        >
          {STATUS_LABELS[status]}
        </span>
        {summary && <span className="min-w-0 truncate text-zinc-500 dark:text-zinc-400">{summary}</span>}
      </summary>
      <div className="flex flex-col gap-3 border-zinc-200 border-t px-3 py-2 dark:border-zinc-800">
        {part.state === "approval-requested" && onAnswerApproval && (
          <ApprovalPrompt
            toolName={toolName}
            label={label}
            onAnswer={(approved, alwaysAllow) => onAnswerApproval(part.approval.id, approved, alwaysAllow)}
          />
        )}
        <ToolCallDetails part={part} status={status} deniedText="You denied this call, so it did not run." />
      </div>
    </details>
  );
}

function ApprovalPrompt({
  toolName,
  label,
  onAnswer,
}: {
  toolName: string;
  label: string;
  onAnswer(approved: boolean, alwaysAllow?: ApprovalToolName): Promise<void>;
}) {
  const [alwaysAllow, setAlwaysAllow] = useState(false);
  const [answering, setAnswering] = useState(false);
  const checkboxId = useId();

  async function answer(approved: boolean) {
    setAnswering(true);
    try {
      await onAnswer(approved, approved && alwaysAllow && needsApproval(toolName) ? toolName : undefined);
    } finally {
      setAnswering(false);
    }
  }

  return (
    <div
      role="group"
      aria-label={`${label} needs your approval`}
      className="flex flex-col gap-2 rounded-lg bg-amber-50 p-3 dark:bg-amber-950/40"
    >
      <p>
        <span className="font-medium">{label}</span> needs your approval: it acts on the outside world or costs money.
        Check the arguments below.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          disabled={answering}
          onClick={() => void answer(true)}
          className="rounded-lg bg-orange-700 px-3 py-1.5 font-medium text-white hover:bg-orange-800 disabled:opacity-60"
        >
          Approve
        </button>
        <button
          type="button"
          disabled={answering}
          onClick={() => void answer(false)}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 disabled:opacity-60 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Deny
        </button>
        <label htmlFor={checkboxId} className="flex items-center gap-1.5 text-xs">
          <input
            id={checkboxId}
            type="checkbox"
            checked={alwaysAllow}
            onChange={(event) => setAlwaysAllow(event.target.checked)}
          />
          Always allow {label.toLowerCase()} in this chat
        </label>
      </div>
    </div>
  );
}
