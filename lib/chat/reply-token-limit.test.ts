import { describe, expect, it } from "vitest";
import { replyTokenLimit } from "./reply-token-limit";

describe("replyTokenLimit", () => {
  it("grants what the settings ask when the context window has room", () => {
    expect(replyTokenLimit(24_000, 8192)).toBe(8192);
    expect(replyTokenLimit(128_000, 64)).toBe(64);
  });

  it("never asks for more than half a small context window", () => {
    expect(replyTokenLimit(8_000, 8192)).toBe(4000);
    expect(replyTokenLimit(4_097, 8192)).toBe(2048);
  });
});
