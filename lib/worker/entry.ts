import openNextWorker from "open-next-worker";
import { hasOwnApiAuth } from "./api-own-auth";
import { basicAuthChallenge } from "./basic-auth";
import { withSecurityHeaders } from "./security-headers";
import { cachedSharePage } from "./share-page-cache";

/**
 * The Worker's entry: checks the optional Basic auth, serves shared chats from
 * the edge cache, then hands the request to the app that OpenNext built.
 * (Next 16's proxy.ts can't run on OpenNext yet, so request-wide work lives
 * here.) "open-next-worker" is an alias for .open-next/worker.js, set in
 * wrangler.jsonc; it exists only after a build.
 */
export default {
  async fetch(request, env, ctx) {
    // /v1 checks its own credentials (a Bearer API key, or these Basic ones); preflights carry none.
    if (!hasOwnApiAuth(request)) {
      const challenge = await basicAuthChallenge(request, env.BASIC_AUTH);
      if (challenge) return withSecurityHeaders(challenge);
    }
    const render = async () => openNextWorker.fetch(request, env, ctx);
    return withSecurityHeaders((await cachedSharePage(request, env, ctx, render)) ?? (await render()));
  },
} satisfies ExportedHandler<CloudflareEnv>;
