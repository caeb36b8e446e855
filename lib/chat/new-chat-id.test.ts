import { describe, expect, it } from "vitest";
import { idString } from "./chat-request";
import { newChatId } from "./new-chat-id";

describe("newChatId", () => {
  it("is 16 letters and digits, an id the chat route accepts", () => {
    for (let i = 0; i < 200; i++) {
      const id = newChatId();
      expect(id).toMatch(/^[0-9A-Za-z]{16}$/);
      expect(idString.safeParse(id).success).toBe(true);
    }
  });

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 10_000 }, newChatId));
    expect(ids.size).toBe(10_000);
  });

  it("uses the whole alphabet", () => {
    const seen = new Set(Array.from({ length: 500 }, newChatId).join(""));
    expect(seen.size).toBe(62);
  });
});
