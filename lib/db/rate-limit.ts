/** Fixed-window counters in D1, shared by every isolate (an in-memory counter would be per isolate). */

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets: the Retry-After to send when not allowed. */
  retryAfterSeconds: number;
}

/** Counts one use of `key` and says whether it is within `limit` uses per `windowMs`. */
export async function consumeRateLimit(
  d1: D1Database,
  key: string,
  { limit, windowMs }: { limit: number; windowMs: number },
  now = Date.now(),
): Promise<RateLimitResult> {
  // One statement, so concurrent requests can't both read the old count. SET
  // expressions all see the row's old values, so both CASEs test the same window.
  const row = await d1
    .prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start <= ?3 THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_start <= ?3 THEN ?2 ELSE window_start END
       RETURNING window_start AS windowStart, count`,
    )
    .bind(key, now, now - windowMs)
    .first<{ windowStart: number; count: number }>();
  const windowStart = row?.windowStart ?? now;
  return {
    allowed: (row?.count ?? 1) <= limit,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
  };
}
