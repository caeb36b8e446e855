import { fromBase64Url, randomBase64Url, toBase64Url } from "@/lib/http/base64url";

/**
 * The per-browser owner id, carried in a signed cookie: `<id>.<hmac>`.
 * No sign-up: the first request mints an id; only requests carrying a valid
 * signature for an id can act as its owner.
 */
export const OWNER_COOKIE = "wac_owner";
const ONE_YEAR_SECONDS = 60 * 60 * 24 * 365;
const OWNER_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

export function newOwnerId(): string {
  return randomBase64Url(18);
}

export async function signOwnerId(ownerId: string, secret: string): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(ownerId));
  return `${ownerId}.${toBase64Url(signature)}`;
}

/** The owner id in a cookie value, or null when it is missing, malformed or forged. */
export async function verifyOwnerCookie(value: string | undefined, secret: string): Promise<string | null> {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const ownerId = value.slice(0, dot);
  const signature = fromBase64Url(value.slice(dot + 1));
  if (!signature || !OWNER_ID_PATTERN.test(ownerId)) return null;
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(ownerId));
  return valid ? ownerId : null;
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export function ownerSetCookie(signedValue: string, secure: boolean): string {
  return [
    `${OWNER_COOKIE}=${signedValue}`,
    "Path=/",
    `Max-Age=${ONE_YEAR_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
