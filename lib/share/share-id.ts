import { randomBase64Url } from "@/lib/http/base64url";

/** 18 random bytes = 144 bits, as 24 base64url characters: unguessable, and short enough to paste. */
export function newShareId(): string {
  return randomBase64Url(18);
}

/** The shape newShareId makes; the API refuses anything else as an invalid id (the page shows it as not found). */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;
