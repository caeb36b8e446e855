import { jsonError } from "@/lib/http/json-error";
import { openAiErrorResponse } from "@/lib/openai/openai-error";

function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname.startsWith("/v1/");
}

/** An error in the shape the caller's client reads: OpenAI's on /v1, ours elsewhere. */
export function apiErrorResponse(
  pathname: string,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return pathname.startsWith("/v1/")
    ? openAiErrorResponse(status, code, message, { headers })
    : jsonError(status, code, message, headers);
}

const FALLBACK: Record<number, { code: string; message: (method: string) => string }> = {
  404: { code: "not_found", message: () => "There is no such API endpoint." },
  405: { code: "method_not_allowed", message: (method) => `This endpoint doesn't accept ${method} requests.` },
};

/**
 * Next answers a method a route doesn't export (405) with an empty body and a
 * path with no route (404) with its HTML page. API clients get a JSON error
 * instead, like every other error of ours, keeping an Allow header if there is one.
 */
export async function withJsonApiErrors(request: Request, response: Response): Promise<Response> {
  const { pathname } = new URL(request.url);
  if (!isApiPath(pathname) || response.status < 400) return response;
  if ((response.headers.get("content-type") ?? "").includes("json")) return response;
  const fallback = FALLBACK[response.status] ?? {
    code: "request_failed",
    message: () => "The request failed.",
  };
  await response.body?.cancel();
  const allow = response.headers.get("allow");
  return apiErrorResponse(
    pathname,
    response.status,
    fallback.code,
    fallback.message(request.method),
    allow ? { allow } : {},
  );
}
