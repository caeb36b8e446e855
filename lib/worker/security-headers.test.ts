import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, themeScriptSource, withSecurityHeaders } from "./security-headers";

describe("withSecurityHeaders", () => {
  it("adds the headers and keeps status, body and the route's own headers", async () => {
    const original = new Response("hello", {
      status: 201,
      headers: { "content-type": "text/plain", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" },
    });
    const secured = withSecurityHeaders(original, "frame-ancestors 'none'");
    expect(secured.status).toBe(201);
    expect(await secured.text()).toBe("hello");
    expect(secured.headers.get("content-type")).toBe("text/plain");
    expect(secured.headers.get("referrer-policy")).toBe("no-referrer");
    expect(secured.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(secured.headers.get("x-frame-options")).toBe("DENY");
    expect(secured.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("passes a streaming body through without reading it first", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode("chunk"));
        if (pulled === 3) controller.close();
      },
    });
    const secured = withSecurityHeaders(new Response(body), "default-src 'self'");
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await secured.text()).toBe("chunkchunkchunk");
  });

  it("lets the microphone be used by our own pages only (voice input)", () => {
    const secured = withSecurityHeaders(new Response("x"), "default-src 'self'");
    expect(secured.headers.get("permissions-policy")).toContain("microphone=(self)");
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only from us, with this response's nonce, or the theme script's hash; never eval", async () => {
    const nonce = newNonce();
    const csp = await contentSecurityPolicy({ nonce, https: false });
    const scriptSrc = csp.split("; ").find((directive) => directive.startsWith("script-src"));
    expect(scriptSrc).toBe(`script-src 'self' 'nonce-${nonce}' ${await themeScriptSource()}`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(await contentSecurityPolicy({ nonce, https: true })).toContain("upgrade-insecure-requests");
  });

  it("hashes exactly the theme script the root layout inlines", async () => {
    const { createHash } = await import("node:crypto");
    const { THEME_SCRIPT } = await import("@/components/theme/theme-script");
    const expected = createHash("sha256").update(THEME_SCRIPT).digest("base64");
    expect(await themeScriptSource()).toBe(`'sha256-${expected}'`);
  });

  it("makes a new 128-bit nonce each time, in a form Next accepts", () => {
    const first = newNonce();
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(first);
  });

  it("leaves the policy off a 304, whose headers would replace the cached page's (and its nonce)", () => {
    const notModified = withSecurityHeaders(new Response(null, { status: 304 }), "script-src 'nonce-new'");
    expect(notModified.headers.get("content-security-policy")).toBeNull();
    expect(notModified.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
