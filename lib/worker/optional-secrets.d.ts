// Secrets and vars the app reads only when a deployer sets them, so `wrangler types`
// can't see them in wrangler.jsonc or .dev.vars. Merged into the generated CloudflareEnv.
interface CloudflareEnv {
  /** "user:password": put the whole app behind HTTP Basic auth (see lib/worker/basic-auth.ts). */
  BASIC_AUTH?: string;
}
