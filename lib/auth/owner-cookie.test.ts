import { describe, expect, it } from "vitest";
import { newOwnerId, ownerSetCookie, readCookie, signOwnerId, verifyOwnerCookie } from "./owner-cookie";

const SECRET = "s".repeat(40);

describe("owner cookie", () => {
  it("verifies what it signed", async () => {
    const ownerId = newOwnerId();
    expect(await verifyOwnerCookie(await signOwnerId(ownerId, SECRET), SECRET)).toBe(ownerId);
  });

  it("rejects a changed id, a changed signature, another secret and junk", async () => {
    const signed = await signOwnerId(newOwnerId(), SECRET);
    const [id, signature] = signed.split(".") as [string, string];
    expect(await verifyOwnerCookie(`${newOwnerId()}.${signature}`, SECRET)).toBeNull();
    expect(await verifyOwnerCookie(`${id}.${signature.slice(0, -2)}AA`, SECRET)).toBeNull();
    expect(await verifyOwnerCookie(signed, "t".repeat(40))).toBeNull();
    for (const junk of [undefined, "", ".", "abc", `${id}.`, `${id}.!!!`, `../${id}.${signature}`]) {
      expect(await verifyOwnerCookie(junk, SECRET)).toBeNull();
    }
  });

  it("mints distinct ids", () => {
    expect(new Set(Array.from({ length: 100 }, newOwnerId)).size).toBe(100);
  });

  it("reads one cookie out of a Cookie header", () => {
    expect(readCookie("a=1; wac_owner=x.y; b=2", "wac_owner")).toBe("x.y");
    expect(readCookie("a=1", "wac_owner")).toBeUndefined();
    expect(readCookie(null, "wac_owner")).toBeUndefined();
  });

  it("sets Secure only over https", () => {
    expect(ownerSetCookie("v", true)).toContain("Secure");
    expect(ownerSetCookie("v", false)).not.toContain("Secure");
  });
});
