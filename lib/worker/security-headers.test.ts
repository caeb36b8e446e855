import { describe, expect, it } from "vitest";
import { withSecurityHeaders } from "./security-headers";

describe("withSecurityHeaders", () => {
  it("adds the headers and keeps status, body and the route's own headers", async () => {
    const original = new Response("hello", {
      status: 201,
      headers: { "content-type": "text/plain", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" },
    });
    const secured = withSecurityHeaders(original);
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
    const secured = withSecurityHeaders(new Response(body));
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await secured.text()).toBe("chunkchunkchunk");
  });
});
