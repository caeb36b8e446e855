import { consumeRateLimit } from "@/lib/db/rate-limit";
import { OpenAiError } from "./openai-error";

const DEFAULT_PER_MINUTE = 60;

function perMinute(configured: string | undefined): number {
  const value = Number(configured);
  return configured && Number.isInteger(value) && value > 0 ? value : DEFAULT_PER_MINUTE;
}

/** Counts one request for an API key; 429 with Retry-After past OPENAI_RATE_LIMIT_PER_MINUTE (default 60). */
export async function limitApiKey(
  keyName: string,
  env: { DB: D1Database; OPENAI_RATE_LIMIT_PER_MINUTE?: string },
): Promise<void> {
  const limit = perMinute(env.OPENAI_RATE_LIMIT_PER_MINUTE);
  const result = await consumeRateLimit(env.DB, `openai:${keyName}`, { limit, windowMs: 60_000 });
  if (!result.allowed) {
    throw new OpenAiError(
      429,
      "rate_limit_exceeded",
      `Rate limit reached: ${limit} requests per minute for this API key. Try again in ${result.retryAfterSeconds} s.`,
      null,
      { "retry-after": String(result.retryAfterSeconds) },
    );
  }
}
