import { THEME_SCRIPT } from "@/components/theme/theme-script";

export interface ContentSecurityPolicyOptions {
  /** This response's script nonce; Next puts it on every script it renders. */
  nonce: string;
  /** Only over https: on plain-http local runs the upgrade would break every subresource. */
  https: boolean;
}

let themeScriptHash: Promise<string> | undefined;

/** The CSP source for the root layout's inline theme script: a constant, so a hash beats threading a nonce into it. */
export function themeScriptSource(): Promise<string> {
  themeScriptHash ??= crypto.subtle
    .digest("SHA-256", new TextEncoder().encode(THEME_SCRIPT))
    .then((digest) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`);
  return themeScriptHash;
}

/** A fresh, unguessable nonce per response (128 bits). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only from our origin, with this response's nonce, or as the
 * theme script: an injected <script> or inline handler does nothing, and there
 * is no 'unsafe-eval'. Styles allow inline attributes (React style props,
 * Shiki and KaTeX output) but style can't run code. Images, audio and
 * previews are ours, data: or blob:; every request goes back to our origin.
 */
export async function contentSecurityPolicy({ nonce, https }: ContentSecurityPolicyOptions): Promise<string> {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' ${await themeScriptSource()}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * Headers every app response carries; `frame-ancestors` (and X-Frame-Options
 * for old browsers) stop other sites from framing the app (clickjacking).
 * The microphone is ours only, for voice input.
 */
const SECURITY_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": "camera=(), microphone=(self), geolocation=(), payment=(), usb=()",
  "x-frame-options": "DENY",
};

/** The response with the security headers added (a route's own values win); the body streams through untouched. */
export function withSecurityHeaders(response: Response, csp: string): Response {
  // WebSocket upgrades and similar can't be rebuilt; they carry no page to protect.
  if (response.status === 101) return response;
  const headers = new Headers(response.headers);
  // A 304's headers replace the cached copy's: a new nonce there would no longer match the cached page's scripts.
  const policy = response.status === 304 ? {} : { "content-security-policy": csp };
  for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...policy })) {
    if (!headers.has(name)) headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
