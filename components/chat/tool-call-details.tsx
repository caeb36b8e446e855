import type { ChatToolPart } from "./tool-part";
import { ToolResult } from "./tool-result";
import type { Status } from "./tool-status";

/**
 * The inside of a tool-call card: arguments, then the result, the failure or
 * the denial. No hooks, so the live chat card and the server-rendered share
 * page draw it the same way; only who denied it is worded differently.
 */
export function ToolCallDetails({
  part,
  status,
  deniedText,
}: {
  part: ChatToolPart;
  status: Status;
  deniedText: string;
}) {
  return (
    <>
      {part.input !== undefined && (
        <section aria-label="Arguments">
          <h4 className="mb-1 text-xs text-zinc-500 uppercase tracking-wide dark:text-zinc-400">Arguments</h4>
          <pre className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">
            {JSON.stringify(part.input, null, 2)}
          </pre>
        </section>
      )}
      {part.state === "output-available" && (
        <section aria-label="Result">
          <h4 className="mb-1 text-xs text-zinc-500 uppercase tracking-wide dark:text-zinc-400">Result</h4>
          <ToolResult output={part.output} />
        </section>
      )}
      {part.state === "output-error" && (
        <p className="text-red-700 dark:text-red-400">
          <span className="font-medium">Failed: </span>
          {part.errorText}
        </p>
      )}
      {status === "denied" && <p className="text-zinc-600 dark:text-zinc-400">{deniedText}</p>}
    </>
  );
}
