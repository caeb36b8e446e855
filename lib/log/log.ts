import { currentRequestContext } from "./request-context";

export type LogLevel = "debug" | "info" | "warn" | "error";

/**
 * One JSON object per line, tagged with the request id when there is one, so
 * Workers Logs can filter and join lines. Fields are chosen by the caller:
 * never pass secrets, cookies, message text or whole request bodies.
 */
export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  const requestId = currentRequestContext()?.requestId;
  const line = JSON.stringify({ level, msg, ...(requestId ? { requestId } : {}), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** What an error says, for a log line: its name and message, never its stack or attached data. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
