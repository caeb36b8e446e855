import { describe, expect, it } from "vitest";
import { cleanTitle } from "./generate-title";

describe("cleanTitle", () => {
  it("keeps a clean title as it is", () => {
    expect(cleanTitle("Garden plans for spring")).toBe("Garden plans for spring");
    expect(cleanTitle("Rock 'n' roll history")).toBe("Rock 'n' roll history");
  });

  it.each([
    ['"Garden plans"', "Garden plans"],
    ["'Garden plans'", "Garden plans"],
    ["“Garden plans”", "Garden plans"],
    ["‘Garden plans’", "Garden plans"],
    ['  "Garden plans"  ', "Garden plans"],
  ])("strips the quotes around %s", (raw, title) => {
    expect(cleanTitle(raw)).toBe(title);
  });

  it.each([
    ["Title: Garden plans", "Garden plans"],
    ["title:Garden plans", "Garden plans"],
    ["TITLE :  Garden plans", "Garden plans"],
    ["Chat title: Garden plans", "Garden plans"],
    ['Title: "Garden plans."', "Garden plans"],
  ])("drops the preamble in %s", (raw, title) => {
    expect(cleanTitle(raw)).toBe(title);
  });

  it.each([
    ["Garden plans.", "Garden plans"],
    ["Garden plans!!!", "Garden plans"],
    ["Garden plans;", "Garden plans"],
    ["Garden plans:", "Garden plans"],
    ['"Garden plans."', "Garden plans"],
  ])("drops trailing punctuation from %s", (raw, title) => {
    expect(cleanTitle(raw)).toBe(title);
  });

  it("keeps a question mark and punctuation inside the title", () => {
    expect(cleanTitle("Why is the sky blue?")).toBe("Why is the sky blue?");
    expect(cleanTitle("Dr. Smith's notes")).toBe("Dr. Smith's notes");
  });

  it("drops markdown heading and emphasis marks", () => {
    expect(cleanTitle("## Garden plans")).toBe("Garden plans");
    expect(cleanTitle("**Garden plans**")).toBe("Garden plans");
  });

  it("keeps only the first line and folds whitespace", () => {
    expect(cleanTitle("Garden plans\nThis chat is about gardens.")).toBe("Garden plans");
    expect(cleanTitle("\n\n  Garden   plans\t for spring \n")).toBe("Garden plans for spring");
  });

  it.each(["", "   ", "\n\n", '""', "“”", "Title:", "Title: ...", "..."])(
    "gives null when nothing is left of %j",
    (raw) => {
      expect(cleanTitle(raw)).toBeNull();
    },
  );

  it("keeps a title of exactly 60 characters whole", () => {
    const title = "a".repeat(60);
    expect(cleanTitle(title)).toBe(title);
  });

  it("cuts a longer title to 60 characters ending in an ellipsis", () => {
    const long = "A very long title that goes on and on about the many plans for the garden this year";
    const cut = cleanTitle(long) ?? "";
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.endsWith("…")).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
    // The 59th character is a space: it doesn't stay dangling before the ellipsis.
    expect(cleanTitle(`${"word ".repeat(11)}abc and more`)).toBe(`${"word ".repeat(11)}abc…`);
  });
});

// Model answers that cleanTitle does not clean yet (see the test report). Each
describe("cleanTitle: nested wrappings", () => {
  it("drops a closing quote that comes before the period", () => {
    expect(cleanTitle('"Garden plans".')).toBe("Garden plans");
  });

  it("drops a preamble inside the quotes", () => {
    expect(cleanTitle('"Title: Garden plans"')).toBe("Garden plans");
  });

  it("drops a preamble in bold", () => {
    expect(cleanTitle("**Title:** Garden plans")).toBe("Garden plans");
  });
});

describe("cleanTitle: characters that belong to the title", () => {
  it("keeps a leading apostrophe that is part of a word", () => {
    expect(cleanTitle("'Tis the season")).toBe("'Tis the season");
  });

  it("never cuts an emoji in half", () => {
    const title = cleanTitle(`${"a".repeat(58)}🌋🌋🌋`);
    expect(title).toBe(`${"a".repeat(58)}🌋…`);
  });
});
