/**
 * Optional HTTP Basic auth for the whole app: set the BASIC_AUTH secret to
 * "user:password" and every page and API route asks for it. Meant for a
 * personal deployment; Cloudflare Access is the stronger choice for teams.
 */

const REALM = "Workers AI Chat";

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Compares digests in constant time, so response timing says nothing about how close a guess was. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

/** The "user:password" of a Basic Authorization header, or null. */
export function basicCredentials(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return null;
  try {
    const binary = atob(match[1]);
    return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * Null when the request may pass (no BASIC_AUTH configured, or the right
 * credentials); otherwise the 401 to send, as JSON like every other error.
 */
export async function basicAuthChallenge(request: Request, configured: string | undefined): Promise<Response | null> {
  if (!configured) return null;
  if (!configured.includes(":")) {
    return Response.json(
      { error: { code: "misconfigured", message: 'BASIC_AUTH must look like "user:password".' } },
      { status: 500 },
    );
  }
  const given = basicCredentials(request);
  if (given !== null && (await sameSecret(given, configured))) return null;
  return Response.json(
    { error: { code: "unauthorized", message: "This app is password protected. Sign in to continue." } },
    {
      status: 401,
      headers: { "www-authenticate": `Basic realm="${REALM}", charset="UTF-8"`, "cache-control": "no-store" },
    },
  );
}
