import { newOwnerId, OWNER_COOKIE, ownerSetCookie, readCookie, signOwnerId, verifyOwnerCookie } from "./owner-cookie";
import { sessionSecret } from "./session-secret";

export interface Identity {
  ownerId: string;
  /** Set-Cookie header value when a new identity was minted for this browser. */
  setCookie?: string;
}

/** Who is asking: the owner id from a valid cookie, or a fresh one to hand out. */
export async function identify(request: Request, env: { SESSION_SECRET?: string }): Promise<Identity> {
  const secret = sessionSecret(env);
  const existing = await verifyOwnerCookie(readCookie(request.headers.get("cookie"), OWNER_COOKIE), secret);
  if (existing) return { ownerId: existing };
  const ownerId = newOwnerId();
  const secure = new URL(request.url).protocol === "https:";
  return { ownerId, setCookie: ownerSetCookie(await signOwnerId(ownerId, secret), secure) };
}

/** For server components: the owner id if the cookie is valid, never minting one. */
export async function currentOwnerId(
  cookieValue: string | undefined,
  env: { SESSION_SECRET?: string },
): Promise<string | null> {
  return verifyOwnerCookie(cookieValue, sessionSecret(env));
}

/** For routes that only read or change existing chats: the verified owner id, or null (never minting one). */
export async function requestOwnerId(request: Request, env: { SESSION_SECRET?: string }): Promise<string | null> {
  return currentOwnerId(readCookie(request.headers.get("cookie"), OWNER_COOKIE), env);
}
