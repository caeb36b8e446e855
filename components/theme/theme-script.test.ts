import { describe, expect, it } from "vitest";
import { resolveTheme, THEME_STORAGE_KEY } from "./theme";
import { THEME_SCRIPT } from "./theme-script";

interface FakePage {
  classes: Set<string>;
  style: { colorScheme?: string };
}

interface RunOptions {
  stored?: string | null;
  storageThrows?: boolean;
  systemDark?: boolean;
  noMatchMedia?: boolean;
}

/** Runs the head script against stand-ins for the globals it touches. */
function run({ stored = null, storageThrows = false, systemDark = false, noMatchMedia = false }: RunOptions): FakePage {
  const page: FakePage = { classes: new Set(), style: {} };
  const localStorage = {
    getItem(key: string) {
      if (storageThrows) throw new DOMException("denied", "SecurityError");
      return key === THEME_STORAGE_KEY ? stored : null;
    },
  };
  const document = {
    documentElement: {
      classList: {
        toggle(name: string, force: boolean) {
          if (force) page.classes.add(name);
          else page.classes.delete(name);
        },
      },
      style: page.style,
    },
  };
  const matchMedia = noMatchMedia ? undefined : (query: string) => ({ matches: systemDark && query.includes("dark") });
  new Function("localStorage", "document", "matchMedia", THEME_SCRIPT)(localStorage, document, matchMedia);
  return page;
}

describe("THEME_SCRIPT", () => {
  it("agrees with resolveTheme for every stored value and OS setting", () => {
    for (const stored of ["light", "dark", "system", null, "nonsense"]) {
      for (const systemDark of [false, true]) {
        const expected = resolveTheme(stored, systemDark);
        const page = run({ stored, systemDark });
        expect(page.classes.has("dark"), `${stored}/${systemDark}`).toBe(expected === "dark");
        expect(page.style.colorScheme).toBe(expected);
      }
    }
  });

  it("follows the OS when storage throws", () => {
    expect(() => run({ storageThrows: true, systemDark: true })).not.toThrow();
    expect(run({ storageThrows: true, systemDark: true }).classes.has("dark")).toBe(true);
  });

  it("never throws, even without matchMedia", () => {
    expect(() => run({ noMatchMedia: true })).not.toThrow();
    // An explicit choice doesn't need matchMedia at all.
    expect(run({ stored: "dark", noMatchMedia: true }).classes.has("dark")).toBe(true);
  });

  it("stays small enough to inline in every page", () => {
    expect(THEME_SCRIPT.length).toBeLessThan(400);
  });
});
