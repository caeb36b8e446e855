import { describe, expect, it } from "vitest";
import { THEME_COLORS } from "./theme";
import { applyTheme } from "./theme-dom";

interface FakeMeta {
  content: string;
  dataset: Record<string, string | undefined>;
}

/** Just the parts of Document that applyTheme uses: <html> and the theme-color metas. */
function fakeDocument() {
  const classes = new Set<string>();
  const style = { colorScheme: "" };
  const metas: FakeMeta[] = [
    { content: THEME_COLORS.light, dataset: {} },
    { content: THEME_COLORS.dark, dataset: {} },
  ];
  const doc = {
    documentElement: {
      classList: {
        toggle(name: string, force: boolean) {
          if (force) classes.add(name);
          else classes.delete(name);
        },
      },
      style,
    },
    querySelectorAll: () => metas,
  };
  return { doc: doc as unknown as Document, classes, style, metas };
}

describe("applyTheme", () => {
  it("sets the class and color-scheme", () => {
    const page = fakeDocument();
    applyTheme("dark", false, page.doc);
    expect(page.classes.has("dark")).toBe(true);
    expect(page.style.colorScheme).toBe("dark");
    applyTheme("system", false, page.doc);
    expect(page.classes.has("dark")).toBe(false);
    expect(page.style.colorScheme).toBe("light");
  });

  it("points both theme-color metas at a chosen theme and restores them for system", () => {
    const page = fakeDocument();
    applyTheme("dark", false, page.doc);
    expect(page.metas.map((meta) => meta.content)).toEqual([THEME_COLORS.dark, THEME_COLORS.dark]);
    applyTheme("light", true, page.doc);
    expect(page.metas.map((meta) => meta.content)).toEqual([THEME_COLORS.light, THEME_COLORS.light]);
    applyTheme("system", true, page.doc);
    expect(page.metas.map((meta) => meta.content)).toEqual([THEME_COLORS.light, THEME_COLORS.dark]);
  });
});
