import { describe, expect, it } from "vitest";
import { searchSnippet } from "./search-snippet";

describe("searchSnippet", () => {
  it("returns short text whole, on one line", () => {
    expect(searchSnippet("What about\n  obsidian?", "obsidian")).toBe("What about obsidian?");
  });

  it("shows the match in a long text, cut at words with ellipses", () => {
    const text = `${"lorem ipsum ".repeat(30)}the obsidian forms when lava cools fast ${"dolor sit ".repeat(30)}`;
    const snippet = searchSnippet(text, "OBSIDIAN");
    expect(snippet).toContain("obsidian forms when lava cools fast");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(102);
    expect(snippet).not.toMatch(/…\S*ipsu\b|…psum/);
  });

  it("starts at the beginning when the match is near it", () => {
    const snippet = searchSnippet(`obsidian ${"word ".repeat(50)}`, "obsidian");
    expect(snippet.startsWith("obsidian")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
  });

  it("ends at the end when the match is near it", () => {
    const snippet = searchSnippet(`${"word ".repeat(50)}obsidian`, "obsidian");
    expect(snippet.endsWith("obsidian")).toBe(true);
    expect(snippet.startsWith("…")).toBe(true);
  });
});
