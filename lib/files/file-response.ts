import { matchesEtag } from "@/lib/http/etag";
import type { ChatFile } from "./chat-files";

/** Keys are never reused (a fresh id per image), so a file's bytes never change: cache for a year, privately. */
const CACHE_CONTROL = "private, max-age=31536000, immutable";

/** Streams a stored file, or answers 304 when the browser already has this version. */
export async function fileResponse(request: Request, file: ChatFile, cacheControl = CACHE_CONTROL): Promise<Response> {
  const headers = new Headers({
    "content-type": file.contentType,
    "cache-control": cacheControl,
    etag: file.etag,
    "x-content-type-options": "nosniff",
  });
  if (matchesEtag(request.headers.get("if-none-match"), file.etag)) {
    // The body was opened but not read; cancelling it releases the read.
    await file.body.cancel();
    return new Response(null, { status: 304, headers });
  }
  headers.set("content-length", String(file.size));
  return new Response(file.body, { status: 200, headers });
}
