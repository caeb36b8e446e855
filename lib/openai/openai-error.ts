import { HttpError } from "@/lib/http/http-error";
import { describeError, log } from "@/lib/log/log";

/** OpenAI's error body: clients (the openai SDK, LangChain, …) read `error.message` and `error.code`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** An HttpError that also names the request field at fault, as OpenAI's `param`. */
export class OpenAiError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly param: string | null = null,
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, headers);
  }
}

/** OpenAI's `type` for a status: what its clients switch on besides the status itself. */
function errorType(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

export function openAiErrorResponse(
  status: number,
  code: string,
  message: string,
  { param = null, headers = {} }: { param?: string | null; headers?: Record<string, string> } = {},
): Response {
  const body: OpenAiErrorBody = { error: { message, type: errorType(status), param, code } };
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Anything thrown while answering /v1 as an OpenAI-shaped error; unknown errors leak nothing. */
export function toOpenAiErrorResponse(error: unknown): Response {
  if (error instanceof HttpError) {
    const param = error instanceof OpenAiError ? error.param : null;
    return openAiErrorResponse(error.status, error.code, error.message, { param, headers: error.headers });
  }
  log("error", "unhandled /v1 error", { error: describeError(error) });
  return openAiErrorResponse(500, "internal_error", "Something went wrong on our side. Please try again.");
}
