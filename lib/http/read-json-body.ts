import type { z } from "zod";
import { HttpError } from "./http-error";
import { parseOrThrow } from "./parse-or-throw";
import { readBinaryBody } from "./read-binary-body";

const DEFAULT_MAX_BYTES = 256 * 1024;

/**
 * Reads a JSON request body and validates it, answering every kind of bad
 * input with an HttpError (415, 413, 400) instead of a crash.
 *
 * The size cap holds whatever Content-Length claims: a too-large declared
 * length is refused before reading, and the body itself is read only up to
 * the cap, so a missing or lying Content-Length can't make us buffer more.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<z.infer<Schema>> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw new HttpError(415, "unsupported_media_type", "Send the body as JSON (Content-Type: application/json).");
  }

  const tooLargeMessage = `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`;
  const text = new TextDecoder().decode(await readBinaryBody(request, maxBytes, tooLargeMessage));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, "malformed_json", "The request body is not valid JSON.");
  }
  return parseOrThrow(schema, json);
}

/** `application/json` or a `+json` type, with any parameters (`; charset=utf-8`). */
function isJsonMediaType(header: string | null): boolean {
  const mediaType = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return mediaType === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}
