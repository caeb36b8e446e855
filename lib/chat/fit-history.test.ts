import { describe, expect, it } from "vitest";
import type { ChatMessage } from "./chat-message";
import { estimateTokens, fitHistory, IMAGE_TOKENS } from "./fit-history";

function message(id: string, role: "user" | "assistant", words: number): ChatMessage {
  return { id, role, parts: [{ type: "text", text: "word ".repeat(words) }] };
}

describe("fitHistory", () => {
  const history = [
    message("u1", "user", 100),
    message("a1", "assistant", 100),
    message("u2", "user", 100),
    message("a2", "assistant", 100),
    message("u3", "user", 10),
  ];
  const perLong = estimateTokens(history[0] as ChatMessage);

  it("keeps everything when it fits", () => {
    expect(fitHistory(history, 10_000).map((m) => m.id)).toEqual(["u1", "a1", "u2", "a2", "u3"]);
  });

  it("drops the oldest messages first", () => {
    const budget = estimateTokens(history[4] as ChatMessage) + perLong * 2 + 1;
    expect(fitHistory(history, budget).map((m) => m.id)).toEqual(["u2", "a2", "u3"]);
  });

  it("never opens with a reply whose question was dropped", () => {
    // Room for u3 and a2 but not u2: a2 would open the history, so it goes too.
    const budget = estimateTokens(history[4] as ChatMessage) + perLong + 1;
    expect(fitHistory(history, budget).map((m) => m.id)).toEqual(["u3"]);
  });

  it("always keeps the newest message, even when it alone is over budget", () => {
    expect(fitHistory(history, 1).map((m) => m.id)).toEqual(["u3"]);
  });
});

describe("estimateTokens with images", () => {
  it("counts an attached image like a picture in the model's context, not like its short URL", () => {
    const text: ChatMessage = { id: "t", role: "user", parts: [{ type: "text", text: "look" }] };
    const withImage: ChatMessage = {
      id: "i",
      role: "user",
      parts: [{ type: "file", mediaType: "image/png", url: "/api/files/images/c/a.png" }, ...text.parts],
    };
    expect(estimateTokens(withImage) - estimateTokens(text)).toBeGreaterThanOrEqual(IMAGE_TOKENS);
  });
});
