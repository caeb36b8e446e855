import { HttpError } from "./http-error";

export interface BindingRateLimitRule {
  /** The period configured on the binding in wrangler.jsonc (Cloudflare allows 10 or 60 s). */
  periodSeconds: 10 | 60;
  /** What the person is told; the wait is appended. */
  message: string;
}

/** Every state-changing request from one IP address (many people can share one). */
export const PER_IP_RULE: BindingRateLimitRule = {
  periodSeconds: 60,
  message: "Too many requests from your network.",
};

/** Model turns per identity: each one costs a model call. */
export const PER_IDENTITY_TURN_RULE: BindingRateLimitRule = {
  periodSeconds: 60,
  message: "You're sending messages faster than the models can answer.",
};

export interface RateLimitSwitch {
  /** "off" turns the binding limits off: for load tests against a local Worker only. */
  RATE_LIMITS?: string;
}

/**
 * Counts one request for `key` on a Workers Rate Limiting binding (simulated
 * locally by wrangler); over the limit, a 429 with Retry-After. The binding
 * only says yes or no, so the wait is the whole period: an honest upper bound.
 * A Worker deployed without the binding isn't limited by it (the D1 limits
 * on shares and API keys still apply).
 */
export async function requireWithinBindingLimit(
  limiter: RateLimit | undefined,
  key: string,
  rule: BindingRateLimitRule,
  env: RateLimitSwitch,
): Promise<void> {
  if (!limiter || env.RATE_LIMITS === "off") return;
  const { success } = await limiter.limit({ key });
  if (success) return;
  throw new HttpError(429, "rate_limited", `${rule.message} Please try again in ${rule.periodSeconds} seconds.`, {
    "retry-after": String(rule.periodSeconds),
  });
}
