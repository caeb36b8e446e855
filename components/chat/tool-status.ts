/** A tool call's state in words and colours; shared by the live chat card and the share page's static one. */
import type { ChatToolPart } from "./tool-part";

export type Status = "preparing" | "running" | "waiting" | "done" | "failed" | "denied";

export const STATUS_LABELS: Record<Status, string> = {
  preparing: "Preparing",
  running: "Running",
  waiting: "Waiting for approval",
  done: "Done",
  failed: "Failed",
  denied: "Denied",
};

export const STATUS_STYLES: Record<Status, string> = {
  preparing: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  running: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  waiting: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  done: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  denied: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

export function statusOf(part: ChatToolPart): Status {
  switch (part.state) {
    case "input-streaming":
      return "preparing";
    case "input-available":
      return "running";
    case "approval-requested":
      return "waiting";
    case "approval-responded":
      return part.approval.approved ? "running" : "denied";
    case "output-available":
      return "done";
    case "output-error":
      return "failed";
    case "output-denied":
      return "denied";
  }
}

/** A one-line hint of what the call is about, shown in the card's summary. */
export function gist(input: unknown): string | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const record = input as Record<string, unknown>;
  const value = record.prompt ?? record.expression ?? record.url ?? record.timeZone;
  return typeof value === "string" ? value : undefined;
}

/** Open when there is something to act on or see; the reader can still fold it. */
export function opensByDefault(status: Status, toolName: string): boolean {
  return status === "waiting" || status === "failed" || (status === "done" && toolName === "generate_image");
}
