import { HttpError } from "@/lib/http/http-error";
import { log } from "@/lib/log/log";

const MIN_SECRET_LENGTH = 32;

/**
 * The HMAC secret for owner cookies. Local runs get one generated into
 * .dev.vars by the start/dev/test scripts; a deployed Worker without one
 * refuses to serve identities rather than sign with a guessable key.
 */
export function sessionSecret(env: { SESSION_SECRET?: string }): string {
  const secret = env.SESSION_SECRET;
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    log("error", "SESSION_SECRET is missing or shorter than 32 characters");
    throw new HttpError(
      500,
      "misconfigured",
      "The server has no SESSION_SECRET. Set one with `npx wrangler secret put SESSION_SECRET` (32+ random characters).",
    );
  }
  return secret;
}
