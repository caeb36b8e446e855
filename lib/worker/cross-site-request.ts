const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a state-changing request was sent by another site's page (CSRF).
 * Browsers mark every such request with Sec-Fetch-Site and/or Origin, so
 * either one naming someone else is refused; "same-site" is refused too,
 * because sibling subdomains (other people's *.workers.dev) aren't us.
 * Requests with neither header come from programs, not from a browser
 * carrying our cookie, and are let through. Bearer-authenticated /v1 calls
 * carry no ambient credentials, so CORS (not this check) governs them.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (/^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return false;

  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;

  const origin = request.headers.get("origin");
  if (origin === null) return false;
  return origin !== new URL(request.url).origin;
}
