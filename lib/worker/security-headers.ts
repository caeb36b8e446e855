/**
 * Headers every app response carries. A full Content-Security-Policy for
 * Next's inline scripts (nonces) is still to come; `frame-ancestors` already
 * stops other sites from framing the app (clickjacking).
 */
const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "content-security-policy": "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  "x-frame-options": "DENY",
};

/** The response with the security headers added (a route's own values win); the body streams through untouched. */
export function withSecurityHeaders(response: Response): Response {
  // WebSocket upgrades and similar can't be rebuilt; they carry no page to protect.
  if (response.status === 101) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!headers.has(name)) headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
