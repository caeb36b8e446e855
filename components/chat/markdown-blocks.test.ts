import { describe, expect, it } from "vitest";
import { splitMarkdownBlocks } from "./markdown-blocks";

describe("splitMarkdownBlocks", () => {
  it("splits paragraphs, headings and tables at blank lines", () => {
    expect(splitMarkdownBlocks("# Title\n\nOne two.\n\n| a | b |\n| - | - |\n| 1 | 2 |")).toEqual([
      "# Title",
      "One two.",
      "| a | b |\n| - | - |\n| 1 | 2 |",
    ]);
  });

  it("never splits inside fenced code or $$ math, even at blank lines", () => {
    const code = "```py\ndef f():\n\n    return 1\n```";
    const math = "$$\na\n\nb\n$$";
    expect(splitMarkdownBlocks(`Intro\n\n${code}\n\n${math}\n\nEnd`)).toEqual(["Intro", code, math, "End"]);
  });

  it("keeps an unterminated fence (mid-stream) in the last block", () => {
    expect(splitMarkdownBlocks("Text\n\n```ts\nconst a = 1;\n\nconst b")).toEqual([
      "Text",
      "```ts\nconst a = 1;\n\nconst b",
    ]);
  });

  it("keeps loose lists and indented continuations together", () => {
    const list = "1. one\n\n2. two\n\n   more about two";
    expect(splitMarkdownBlocks(`${list}\n\nAfter`)).toEqual([list, "After"]);
  });

  it("leaves text with reference or footnote definitions whole", () => {
    const text = "See [docs][1] and a note[^n].\n\nMore.\n\n[1]: https://example.com\n[^n]: A note.";
    expect(splitMarkdownBlocks(text)).toEqual([text]);
  });

  it("round-trips: the blocks joined by blank lines are the text (without extra blank lines)", () => {
    const text = "A\n\nB\n\n- x\n- y\n\n```\nc\n```";
    expect(splitMarkdownBlocks(text).join("\n\n")).toBe(text);
  });
});
