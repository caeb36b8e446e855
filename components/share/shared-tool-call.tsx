import { ToolCallDetails } from "@/components/chat/tool-call-details";
import { type ChatToolPart, toolNameOf } from "@/components/chat/tool-part";
import { gist, opensByDefault, STATUS_LABELS, STATUS_STYLES, statusOf } from "@/components/chat/tool-status";
import { toolLabel } from "@/lib/ai/tools/tool-labels";

/**
 * A tool call on a shared page, rendered on the server: the chat's card without live state or
 * approval buttons. A native <details> folds and unfolds without any JavaScript.
 */
export function SharedToolCall({ part }: { part: ChatToolPart }) {
  const toolName = toolNameOf(part);
  const status = statusOf(part);
  const summary = gist(part.input);
  return (
    <details
      open={opensByDefault(status, toolName)}
      className="rounded-lg border border-zinc-200 text-sm dark:border-zinc-800"
    >
      <summary className="flex cursor-pointer items-center gap-2 px-3 py-2">
        <span className="font-medium">{toolLabel(toolName)}</span>
        <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_STYLES[status]}`} data-testid="tool-state">
          {STATUS_LABELS[status]}
        </span>
        {summary && <span className="min-w-0 truncate text-zinc-500 dark:text-zinc-400">{summary}</span>}
      </summary>
      <div className="flex flex-col gap-3 border-zinc-200 border-t px-3 py-2 dark:border-zinc-800">
        <ToolCallDetails part={part} status={status} deniedText="This call was denied, so it did not run." />
      </div>
    </details>
  );
}
