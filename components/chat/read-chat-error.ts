/** Codes for requests the server rejected before saving anything. */
const REJECTED_BEFORE_SAVE = new Set([
  "malformed_json",
  "invalid_request",
  "payload_too_large",
  "unsupported_media_type",
  "unknown_model",
  "rate_limited",
  "cross_site_request",
  "invalid_attachment",
  "model_cannot_see_images",
]);

export interface ReadableChatError {
  message: string;
  code: string;
  /** The server saved the user's message, so "Retry" can resend it as is. */
  requestReachedServer: boolean;
}

/** useChat surfaces a failed response as an Error whose message is the body; ours is JSON. */
export function readChatError(error: Error): ReadableChatError {
  try {
    const body = JSON.parse(error.message) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === "string" ? body.error.code : "error";
    const message = typeof body.error?.message === "string" ? body.error.message : error.message;
    return { code, message, requestReachedServer: !REJECTED_BEFORE_SAVE.has(code) };
  } catch {
    const offline = error.message === "Failed to fetch" || error.name === "TypeError";
    return offline
      ? { code: "network", message: "Could not reach the server. Check your connection.", requestReachedServer: false }
      : // An error sent inside the stream: the user message was saved.
        { code: "stream_error", message: error.message, requestReachedServer: true };
  }
}
