import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./cross-site-request";

const url = "https://chat.example.com/api/chat";

function request(method: string, headers: Record<string, string>) {
  return new Request(url, { method, headers });
}

describe("isCrossSiteRequest", () => {
  it("refuses a POST from another site's page", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(request("DELETE", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(request("PATCH", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteRequest(request("POST", { origin: "null" }))).toBe(true);
    // Same host, other scheme or port: another origin.
    expect(isCrossSiteRequest(request("POST", { origin: "http://chat.example.com" }))).toBe(true);
  });

  it("lets our own pages, programs and safe methods through", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "https://chat.example.com" }))).toBe(false);
    expect(
      isCrossSiteRequest(request("POST", { origin: "https://chat.example.com", "sec-fetch-site": "same-origin" })),
    ).toBe(false);
    expect(isCrossSiteRequest(request("POST", {}))).toBe(false);
    expect(isCrossSiteRequest(request("GET", { origin: "https://evil.example" }))).toBe(false);
    expect(isCrossSiteRequest(request("OPTIONS", { "sec-fetch-site": "cross-site" }))).toBe(false);
  });

  it("leaves Bearer-authenticated API calls to CORS", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "https://app.example", authorization: "Bearer sk-1" }))).toBe(
      false,
    );
    // Basic credentials are sent by browsers on their own, so they get the check.
    expect(isCrossSiteRequest(request("POST", { origin: "https://app.example", authorization: "Basic dTpw" }))).toBe(
      true,
    );
  });
});
