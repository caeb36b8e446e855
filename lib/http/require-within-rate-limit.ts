import { consumeRateLimit } from "@/lib/db/rate-limit";
import { HttpError } from "./http-error";

/** Counts one use of `key`; over the limit, a 429 with Retry-After and `message` for the person. */
export async function requireWithinRateLimit(
  db: D1Database,
  key: string,
  limits: { limit: number; windowMs: number },
  message: string,
): Promise<void> {
  const result = await consumeRateLimit(db, key, limits);
  if (!result.allowed) {
    throw new HttpError(429, "rate_limited", message, { "retry-after": String(result.retryAfterSeconds) });
  }
}
