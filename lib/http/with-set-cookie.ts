/** Adds a Set-Cookie header to a response (streaming bodies are passed through untouched). */
export function withSetCookie(response: Response, setCookie: string | undefined): Response {
  if (!setCookie) return response;
  const headers = new Headers(response.headers);
  headers.append("set-cookie", setCookie);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
