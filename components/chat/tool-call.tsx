import { getToolOrDynamicToolName } from "ai";
import type { ChatMessage } from "@/lib/chat/chat-message";

type ChatToolPart = Extract<ChatMessage["parts"][number], { toolCallId: string }>;

const STATE_LABELS: Record<ChatToolPart["state"], string> = {
  "input-streaming": "Preparing",
  "input-available": "Running",
  "approval-requested": "Waiting for approval",
  "approval-responded": "Running",
  "output-available": "Done",
  "output-error": "Failed",
  "output-denied": "Denied",
};

function toolTitle(part: ChatToolPart): string {
  const name = getToolOrDynamicToolName(part).replaceAll("_", " ");
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function ToolCall({ part }: { part: ChatToolPart }) {
  const label = STATE_LABELS[part.state] ?? part.state;
  return (
    <details
      className="rounded-lg border border-zinc-200 text-sm dark:border-zinc-800"
      open={part.state === "output-error"}
    >
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2">
        <span className="font-medium">{toolTitle(part)}</span>
        <span className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs dark:bg-zinc-800" data-testid="tool-state">
          {label}
        </span>
      </summary>
      <div className="flex flex-col gap-2 border-zinc-200 border-t px-3 py-2 dark:border-zinc-800">
        {part.input !== undefined && (
          <pre className="overflow-x-auto font-mono text-xs">{JSON.stringify(part.input, null, 2)}</pre>
        )}
        {part.state === "output-available" && (
          <pre className="overflow-x-auto font-mono text-xs">{JSON.stringify(part.output, null, 2)}</pre>
        )}
        {part.state === "output-error" && <p className="text-red-700 dark:text-red-400">{part.errorText}</p>}
      </div>
    </details>
  );
}
