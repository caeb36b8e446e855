import type { z } from "zod";
import { HttpError } from "./http-error";
import { parseOrThrow } from "./parse-or-throw";

const DEFAULT_MAX_BYTES = 256 * 1024;

/**
 * Reads a JSON request body and validates it, answering every kind of bad
 * input with an HttpError (415, 413, 400) instead of a crash.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<z.infer<Schema>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().includes("application/json")) {
    throw new HttpError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }
  const declaredLength = Number(request.headers.get("content-length") ?? "0");
  if (declaredLength > maxBytes) throw tooLarge(maxBytes);

  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > maxBytes) throw tooLarge(maxBytes);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed_json", "The request body is not valid JSON.");
  }
  return parseOrThrow(schema, json);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
}
