import { describe, expect, it } from "vitest";
import { basicAuthChallenge } from "./basic-auth";

function requestWith(authorization?: string): Request {
  return new Request("https://chat.example/", authorization ? { headers: { authorization } } : {});
}

const basic = (credentials: string) => `Basic ${btoa(credentials)}`;

describe("basicAuthChallenge", () => {
  it("lets everything through when BASIC_AUTH is not set", async () => {
    expect(await basicAuthChallenge(requestWith(), undefined)).toBeNull();
    expect(await basicAuthChallenge(requestWith(), "")).toBeNull();
  });

  it("asks for credentials with a 401, a Basic challenge and a JSON error", async () => {
    const response = await basicAuthChallenge(requestWith(), "ada:correct horse");
    expect(response?.status).toBe(401);
    expect(response?.headers.get("www-authenticate")).toMatch(/^Basic realm="Workers AI Chat"/);
    expect(await response?.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("accepts the configured user and password, including a colon in the password", async () => {
    expect(await basicAuthChallenge(requestWith(basic("ada:correct horse")), "ada:correct horse")).toBeNull();
    expect(await basicAuthChallenge(requestWith(basic("ada:pa:ss")), "ada:pa:ss")).toBeNull();
  });

  it("accepts non-ASCII credentials sent as UTF-8", async () => {
    const utf8 = String.fromCharCode(...new TextEncoder().encode("zoë:pässword"));
    expect(await basicAuthChallenge(requestWith(`Basic ${btoa(utf8)}`), "zoë:pässword")).toBeNull();
  });

  it("rejects a wrong password, a wrong user, and malformed headers", async () => {
    for (const header of [
      basic("ada:wrong"),
      basic("bob:correct horse"),
      "Basic !!!not-base64",
      "Bearer ada:correct horse",
    ]) {
      expect((await basicAuthChallenge(requestWith(header), "ada:correct horse"))?.status).toBe(401);
    }
  });

  it("fails closed with a clear 500 when BASIC_AUTH has no colon", async () => {
    const response = await basicAuthChallenge(requestWith(basic("ada:x")), "just-a-password");
    expect(response?.status).toBe(500);
    expect(await response?.json()).toMatchObject({ error: { code: "misconfigured" } });
  });
});
