import openNextWorker from "open-next-worker";
import { CHAT_TURN_PATH, handleChatTurn } from "@/lib/chat/chat-turn-handler";
import { describeError, log } from "@/lib/log/log";
import { runWithRequestContext } from "@/lib/log/request-context";
import { apiErrorResponse, withJsonApiErrors } from "./api-error-response";
import { hasOwnApiAuth } from "./api-own-auth";
import { basicAuthChallenge } from "./basic-auth";
import { isCrossSiteRequest } from "./cross-site-request";
import { limitPerIp } from "./ip-rate-limit";
import { contentSecurityPolicy, newNonce, withSecurityHeaders } from "./security-headers";
import { cachedSharePage } from "./share-page-cache";

/** Runs `work` in a later task, keeping the request context it was scheduled in. */
function afterThisTask(work: () => void): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0)).then(work);
}

/** Our own id per request, in every log line and the response; Cloudflare's ray id when there is one. */
function requestIdOf(request: Request): string {
  return request.headers.get("cf-ray") ?? crypto.randomUUID();
}

/**
 * Hands Next the nonce through the request's CSP header, which is where its
 * renderer looks for it and puts it on every script it writes.
 */
function withNonceForNext<R extends Request>(request: R, csp: string): R {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  // Same request with one header more; the cast keeps Cloudflare's `cf` typing, which the copy keeps too.
  return new Request(request, { headers, cf: request.cf }) as unknown as R;
}

async function handle(
  request: Request<unknown, IncomingRequestCfProperties>,
  env: CloudflareEnv,
  ctx: ExecutionContext,
  csp: { header: string; nonce: string },
): Promise<Response> {
  // /v1 checks its own credentials (a Bearer API key, or these Basic ones); preflights carry none.
  if (!hasOwnApiAuth(request)) {
    const challenge = await basicAuthChallenge(request, env.BASIC_AUTH);
    if (challenge) return challenge;
  }
  const { pathname } = new URL(request.url);
  if (isCrossSiteRequest(request)) {
    return apiErrorResponse(
      pathname,
      403,
      "cross_site_request",
      "This request came from another site and was refused.",
    );
  }
  const limited = await limitPerIp(request, env);
  if (limited) return limited;
  // The chat turn is the latency that matters most and needs nothing from Next (no page, no
  // cookies() or headers() helpers): answered here, it skips ~10 ms of router work before the
  // first token and Next's Node-stream bridge on every chunk after it. The route file calls the same code.
  if (request.method === "POST" && pathname === CHAT_TURN_PATH) return handleChatTurn(request, env, ctx);

  const forNext = withNonceForNext(request, csp.header);
  const render = async () => openNextWorker.fetch(forNext, env, ctx);
  const response = (await cachedSharePage(forNext, env, ctx, render, csp.nonce)) ?? (await render());
  return withJsonApiErrors(request, response);
}

/**
 * The Worker's entry: Basic auth, the cross-site and per-IP checks, shared
 * chats from the edge cache, then the app that OpenNext built; every answer
 * gets the security headers, a request id and one log line. (Next 16's
 * proxy.ts can't run on OpenNext yet, so request-wide work lives here.)
 * "open-next-worker" is an alias for .open-next/worker.js, set in
 * wrangler.jsonc; it exists only after a build.
 */
export default {
  async fetch(request, env, ctx) {
    const requestId = requestIdOf(request);
    const started = Date.now();
    return runWithRequestContext({ requestId }, async () => {
      const nonce = newNonce();
      const header = await contentSecurityPolicy({ nonce, https: new URL(request.url).protocol === "https:" });
      let response: Response;
      try {
        response = await handle(request, env, ctx, { header, nonce });
      } catch (error) {
        log("error", "unhandled worker error", { error: describeError(error) });
        response = apiErrorResponse(
          new URL(request.url).pathname,
          500,
          "internal_error",
          "Something went wrong on our side. Please try again.",
        );
      }
      const secured = withSecurityHeaders(response, header);
      if (secured.status !== 101) secured.headers.set("x-request-id", requestId);
      const line = {
        method: request.method,
        // The path only: query strings can carry search terms.
        path: new URL(request.url).pathname,
        status: secured.status,
        // Time to the response head; streamed bodies go on after this.
        ms: Date.now() - started,
      };
      const level = secured.status >= 500 ? "error" : "info";
      // Written after the response is handed back, so the line never delays the first byte (under
      // `wrangler dev` every console call is a message to the inspector: ~3 ms on the chat turn).
      ctx.waitUntil(afterThisTask(() => log(level, "request", line)));
      return secured;
    });
  },
} satisfies ExportedHandler<CloudflareEnv>;
