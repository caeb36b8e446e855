import { HttpError } from "./http-error";

/**
 * Reads a raw request body of at most `maxBytes`, answering a larger one with
 * a 413 as soon as it is known (Content-Length, or while reading when the
 * length is not declared), so an oversized upload is never held whole.
 */
export async function readBinaryBody(request: Request, maxBytes: number, tooLargeMessage: string): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, "payload_too_large", tooLargeMessage);
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop the upload rather than read (and hold) the rest of it.
        void reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away or sent a broken stream: nothing to use.
    throw new HttpError(400, "unreadable_body", "The request body could not be read.");
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The media type of a Content-Type header, lower-cased and without parameters ("audio/webm;codecs=opus" -> "audio/webm"). */
export function mediaTypeOf(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
