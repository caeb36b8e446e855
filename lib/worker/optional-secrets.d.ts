// Secrets and vars the app reads only when a deployer sets them, so `wrangler types`
// can't see them in wrangler.jsonc or .dev.vars. Merged into the generated CloudflareEnv.
interface CloudflareEnv {
  /** "user:password": put the whole app behind HTTP Basic auth (see lib/worker/basic-auth.ts). */
  BASIC_AUTH?: string;
  /** "name:key,name:key": turns on the OpenAI-compatible /v1 API for these Bearer keys (see lib/openai/api-keys.ts). */
  OPENAI_API_KEYS?: string;
  /** Origins allowed to call /v1 from a browser: comma-separated, or "*". Unset: no CORS. */
  OPENAI_CORS_ORIGINS?: string;
  /** Requests per minute per API key on /v1/chat/completions (default 60). */
  OPENAI_RATE_LIMIT_PER_MINUTE?: string;
  /** "off" disables the Rate Limiting bindings: only for load tests against a local Worker (see bench/). */
  RATE_LIMITS?: string;
}
