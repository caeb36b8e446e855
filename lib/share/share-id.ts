/** 18 random bytes = 144 bits, as 24 base64url characters: unguessable, and short enough to paste. */
export function newShareId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

/** The shape newShareId makes; the API refuses anything else as an invalid id (the page shows it as not found). */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;
