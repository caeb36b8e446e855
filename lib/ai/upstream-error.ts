import { APICallError, RetryError } from "ai";
import { HttpError } from "@/lib/http/http-error";
import { log } from "@/lib/log/log";
import { StageTimeoutError } from "./stage-timeouts";
import { InStreamError } from "./stream-guard";

/** Workers AI error codes we explain to people (see workers-ai-provider's code table). */
const QUOTA_EXHAUSTED = 3036;
const CAPACITY_EXCEEDED = 3040;

function unwrap(error: unknown): unknown {
  return RetryError.isInstance(error) ? error.lastError : error;
}

function workersAiCode(error: APICallError): number | undefined {
  const data = error.data as { workersAIErrorCode?: unknown } | undefined;
  return typeof data?.workersAIErrorCode === "number" ? data.workersAIErrorCode : undefined;
}

/** Maps a model-call failure to what we answer: status, stable code and a sentence a person understands. */
export function upstreamHttpError(raw: unknown): HttpError {
  const error = unwrap(raw);
  const timeout = error instanceof StageTimeoutError ? error : (error as { cause?: unknown } | null)?.cause;
  if (timeout instanceof StageTimeoutError) {
    return new HttpError(504, "upstream_timeout", `${timeout.message} It may be busy; please try again.`, {
      "retry-after": "5",
    });
  }
  if (APICallError.isInstance(error)) {
    const code = workersAiCode(error);
    if (code === QUOTA_EXHAUSTED) {
      return new HttpError(
        429,
        "quota_exhausted",
        "The Workers AI daily free allocation is used up. It resets at 00:00 UTC, or the account can move to the Workers Paid plan.",
        { "retry-after": "3600" },
      );
    }
    if (code === CAPACITY_EXCEEDED || error.statusCode === 429) {
      return new HttpError(429, "upstream_busy", "The model is busy right now. Please try again in a few seconds.", {
        "retry-after": "5",
      });
    }
    if (error.statusCode === 400 || error.statusCode === 404) {
      return new HttpError(400, "model_rejected_request", `Workers AI rejected the request: ${error.message}`);
    }
    if (error.statusCode === 408) {
      return new HttpError(504, "upstream_timeout", "The model took too long to answer. Please try again.");
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new HttpError(502, "upstream_error", `Workers AI failed to answer: ${message}`);
}

/** The sentence shown in the chat when a reply fails after it started streaming. */
export function describeStreamError(error: unknown): string {
  if (error instanceof InStreamError) return error.message;
  return upstreamHttpError(error).message;
}

/** One structured log line per failed model call (the SDK's default dumps whole stacks). */
export function logUpstreamError(chatId: string, model: string, error: unknown): void {
  const mapped = upstreamHttpError(error);
  log("warn", "model call failed", { chatId, model, status: mapped.status, code: mapped.code });
}
