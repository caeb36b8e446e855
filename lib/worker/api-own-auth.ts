/**
 * Requests the /v1 API authenticates itself (a Bearer API key, or the Basic
 * credentials), so the Worker entry's Basic auth must let them through: API
 * clients send `Authorization: Bearer`, and CORS preflights carry no
 * credentials at all. A wrong key still gets the route's own 401.
 */
export function hasOwnApiAuth(request: Request): boolean {
  if (!new URL(request.url).pathname.startsWith("/v1/")) return false;
  return request.method === "OPTIONS" || /^Bearer\s/i.test(request.headers.get("authorization") ?? "");
}
