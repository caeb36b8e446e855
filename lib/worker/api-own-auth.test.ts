import { describe, expect, it } from "vitest";
import { hasOwnApiAuth } from "./api-own-auth";

const request = (path: string, init: RequestInit = {}) => new Request(`https://chat.example${path}`, init);

describe("hasOwnApiAuth", () => {
  it("passes /v1 requests with a Bearer key and /v1 preflights to the API's own auth", () => {
    expect(
      hasOwnApiAuth(request("/v1/chat/completions", { method: "POST", headers: { authorization: "Bearer sk-x" } })),
    ).toBe(true);
    expect(hasOwnApiAuth(request("/v1/models", { method: "OPTIONS" }))).toBe(true);
  });

  it("leaves everything else to Basic auth", () => {
    expect(hasOwnApiAuth(request("/v1/models"))).toBe(false);
    expect(hasOwnApiAuth(request("/v1/models", { headers: { authorization: "Basic YTpi" } }))).toBe(false);
    expect(hasOwnApiAuth(request("/api/chats", { headers: { authorization: "Bearer sk-x" } }))).toBe(false);
    expect(hasOwnApiAuth(request("/", { method: "OPTIONS" }))).toBe(false);
    expect(hasOwnApiAuth(request("/v1", { headers: { authorization: "Bearer sk-x" } }))).toBe(false);
  });
});
