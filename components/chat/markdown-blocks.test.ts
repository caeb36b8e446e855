import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendMarkdownBlocks, type MarkdownBlocks, splitMarkdownBlocks } from "./markdown-blocks";

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

describe("extendMarkdownBlocks", () => {
  // Pieces a reply is made of, chosen to hit every rule: fences with blank lines inside, math,
  // loose lists whose next item arrives a character at a time, indented continuations, definitions.
  const piece = fc.constantFrom(
    "Para one.",
    "# Heading",
    "```ts\nconst a = 1;\n\nconst b = 2;\n```",
    "$$\na\n\nb\n$$",
    "1. one\n\n2. two",
    "- x\n- y",
    "    indented code",
    "   continued",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "[1]: https://example.com",
    "",
    "\n",
  );
  const reply = fc.array(piece, { maxLength: 14 }).map((pieces) => pieces.join("\n\n"));

  it("gives the same blocks as a whole split at every step of a growing text", () => {
    fc.assert(
      fc.property(reply, fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1 }), (text, steps) => {
        let previous: MarkdownBlocks | null = null;
        let length = 0;
        for (let step = 0; length < text.length; step++) {
          length = Math.min(text.length, length + (steps[step % steps.length] as number));
          const shown = text.slice(0, length);
          previous = extendMarkdownBlocks(previous, shown);
          expect(previous.blocks).toEqual(splitMarkdownBlocks(shown));
          previous.blocks.forEach((block, index) => {
            expect(shown.startsWith(block, previous?.starts[index])).toBe(true);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it("splits afresh when the text is not a continuation of the last one", () => {
    const first = extendMarkdownBlocks(null, "A\n\nB\n\nC\n\nD");
    expect(extendMarkdownBlocks(first, "X\n\nY").blocks).toEqual(["X", "Y"]);
  });
});
