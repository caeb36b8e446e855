import { shareVersion } from "@/lib/db/shares";
import { matchesEtag } from "@/lib/http/etag";
import { SHARE_ID_PATTERN } from "@/lib/share/share-id";

const SHARE_PAGE = /^\/share\/([^/]+)$/;
// Browsers and CDNs keep the page but ask again each time; the answer is a cheap 304 until the link changes.
const CLIENT_CACHE_CONTROL = "public, max-age=0, must-revalidate";
// Our own edge copy is keyed by the snapshot's version, so it can live long: an update makes a new key and a
// revoked link never reaches the cache (its version lookup fails first).
const EDGE_CACHE_CONTROL = "public, s-maxage=86400";

// The nonce the stored copy's scripts carry, kept on the stored copy only.
const STORED_NONCE_HEADER = "x-stored-script-nonce";

/**
 * A stored page's scripts carry the nonce of the response they were rendered
 * for; each answer gets a fresh one. Only elements with exactly the stored
 * nonce (the ones Next wrote) are renewed, so markup that sneaked into the page
 * without it stays blocked by the policy.
 */
function withRenewedNonce(stored: Response, nonce: string): Response {
  const storedNonce = stored.headers.get(STORED_NONCE_HEADER);
  const headers = new Headers(stored.headers);
  headers.delete(STORED_NONCE_HEADER);
  const response = new Response(stored.body, { status: stored.status, headers });
  if (!storedNonce) return response;
  return new HTMLRewriter()
    .on("[nonce]", {
      element(element) {
        if (element.getAttribute("nonce") === storedNonce) element.setAttribute("nonce", nonce);
      },
    })
    .transform(response);
}

function withCacheHeaders(response: Response, etag: string): Response {
  const headers = new Headers(response.headers);
  headers.set("cache-control", CLIENT_CACHE_CONTROL);
  headers.set("etag", etag);
  headers.delete("set-cookie");
  return new Response(response.body, { status: response.status, headers });
}

/**
 * Serves /share/<id> from the Workers cache when this version of the snapshot
 * was rendered before, answers revalidations with 304, and otherwise renders
 * and stores the page. Returns null for anything else (including Next's own
 * client-navigation requests, which carry an RSC header).
 */
export async function cachedSharePage(
  request: Request,
  env: CloudflareEnv,
  ctx: ExecutionContext,
  render: () => Promise<Response>,
  nonce: string,
): Promise<Response | null> {
  if (request.method !== "GET" || request.headers.has("rsc")) return null;
  const url = new URL(request.url);
  const id = SHARE_PAGE.exec(url.pathname)?.[1];
  if (!id || !SHARE_ID_PATTERN.test(id) || url.search) return null;

  const version = await shareVersion(env.DB, id);
  if (version === null) return null;
  const etag = `"share-${id}-${version}"`;
  if (matchesEtag(request.headers.get("if-none-match"), etag)) {
    return new Response(null, { status: 304, headers: { etag, "cache-control": CLIENT_CACHE_CONTROL } });
  }

  // The DOM lib's CacheStorage type (tsconfig includes it for the browser code) hides Workers' caches.default.
  const cache = (caches as unknown as { default: Cache }).default;
  // Keyed by deployment too: a copy from an earlier build names script chunks that no longer exist.
  const deployment = env.CF_VERSION_METADATA?.id ?? "local";
  const key = new Request(`${url.origin}/share/${id}?snapshot=${version}&deployment=${deployment}`);
  const hit = await cache.match(key);
  if (hit) return withCacheHeaders(withRenewedNonce(hit, nonce), etag);

  const rendered = await render();
  if (rendered.status !== 200) return rendered;
  const response = withCacheHeaders(rendered, etag);
  const stored = response.clone();
  const storedHeaders = new Headers(stored.headers);
  storedHeaders.set("cache-control", EDGE_CACHE_CONTROL);
  storedHeaders.set(STORED_NONCE_HEADER, nonce);
  ctx.waitUntil(cache.put(key, new Response(stored.body, { status: 200, headers: storedHeaders })));
  return response;
}
