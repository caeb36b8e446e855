/**
 * CORS for the /v1 API, so browser apps on the origins in OPENAI_CORS_ORIGINS
 * (comma-separated, or "*") can call it. Other origins get no CORS headers,
 * which makes the browser refuse the response.
 */

const ALLOWED_METHODS = "GET, POST, OPTIONS";
const DEFAULT_ALLOWED_HEADERS = "authorization, content-type";

function allowedOrigin(request: Request, configured: string | undefined): string | null {
  const origin = request.headers.get("origin");
  if (!origin || !configured) return null;
  const origins = configured.split(",").map((entry) => entry.trim().replace(/\/+$/, ""));
  if (origins.includes("*")) return "*";
  return origins.includes(origin) ? origin : null;
}

export function corsHeaders(request: Request, configured: string | undefined): Record<string, string> {
  const origin = allowedOrigin(request, configured);
  if (!origin) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": "retry-after",
    ...(origin === "*" ? {} : { vary: "Origin" }),
  };
}

/** The answer to a preflight: 204, with the allowed methods and headers only for an allowed origin. */
export function preflightResponse(request: Request, configured: string | undefined): Response {
  const headers = corsHeaders(request, configured);
  if (headers["access-control-allow-origin"]) {
    // The openai SDK sends its own x-stainless-* headers; allow whatever the browser says it will send.
    headers["access-control-allow-headers"] =
      request.headers.get("access-control-request-headers") ?? DEFAULT_ALLOWED_HEADERS;
    headers["access-control-allow-methods"] = ALLOWED_METHODS;
    headers["access-control-max-age"] = "86400";
  }
  return new Response(null, { status: 204, headers });
}

export function withCors(response: Response, headers: Record<string, string>): Response {
  if (Object.keys(headers).length === 0) return response;
  const merged = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
}
