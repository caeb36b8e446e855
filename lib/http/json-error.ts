import { describeError, log } from "@/lib/log/log";
import { HttpError } from "./http-error";

export interface JsonErrorBody {
  error: { code: string; message: string };
}

export function jsonError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: JsonErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Turns anything thrown by a route into a JSON error; unknown errors become a 500 that leaks nothing. */
export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return jsonError(error.status, error.code, error.message, error.headers);
  log("error", "unhandled route error", { error: describeError(error) });
  return jsonError(500, "internal_error", "Something went wrong on our side. Please try again.");
}
