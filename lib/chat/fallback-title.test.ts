import { describe, expect, it } from "vitest";
import { fallbackTitle } from "./fallback-title";

describe("fallbackTitle", () => {
  it("uses a short first message as is, with whitespace folded", () => {
    expect(fallbackTitle("  How do\n Workers   bill CPU?  ")).toBe("How do Workers bill CPU?");
  });

  it("cuts long messages at a word boundary", () => {
    const title = fallbackTitle(
      "Explain the difference between Durable Objects and D1 for storing chat history at scale please",
    );
    expect(title).toBe("Explain the difference between Durable Objects and D1 for…");
    expect(title.length).toBeLessThanOrEqual(61);
  });

  it("drops offline directives and falls back to New chat when nothing is left", () => {
    expect(fallbackTitle("Hello offline:words=30 offline:delay=0")).toBe("Hello");
    expect(fallbackTitle("offline:fail=3040")).toBe("New chat");
  });
});

describe("fallbackTitle with tool arguments", () => {
  it("drops offline:args JSON even when it contains spaces", () => {
    expect(
      fallbackTitle('Draw a lighthouse offline:tool=generate_image offline:args={"prompt":"a red lighthouse at dusk"}'),
    ).toBe("Draw a lighthouse");
  });
});
