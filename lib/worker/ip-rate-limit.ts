import { PER_IP_RULE, requireWithinBindingLimit } from "@/lib/http/binding-rate-limit";
import { HttpError } from "@/lib/http/http-error";
import { apiErrorResponse } from "./api-error-response";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The per-IP limit on everything that writes or calls a model (all of it is
 * under /api and /v1). Reading stays unlimited here: pages and lists are cheap
 * and cached. Returns the 429 to send, or null to go on.
 */
export async function limitPerIp(request: Request, env: CloudflareEnv): Promise<Response | null> {
  if (SAFE_METHODS.has(request.method)) return null;
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith("/api/") && !pathname.startsWith("/v1/")) return null;
  // Set by Cloudflare's edge (and by wrangler locally); a client can't forge it past the edge.
  const ip = request.headers.get("cf-connecting-ip") ?? "unknown";
  try {
    await requireWithinBindingLimit(env.IP_RATE_LIMITER, `ip:${ip}`, PER_IP_RULE, env);
    return null;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return apiErrorResponse(pathname, error.status, error.code, error.message, error.headers);
  }
}
