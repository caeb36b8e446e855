import { describe, expect, it } from "vitest";
import { parseTheme, resolveTheme, THEMES } from "./theme";

describe("parseTheme", () => {
  it("keeps known themes", () => {
    for (const theme of THEMES) expect(parseTheme(theme)).toBe(theme);
  });

  it("treats anything else as system", () => {
    for (const value of [null, undefined, "", "Dark", "blue", 1, {}]) expect(parseTheme(value)).toBe("system");
  });
});

describe("resolveTheme", () => {
  it("lets an explicit choice beat the OS", () => {
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("follows the OS for system and unknown values", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme(null, true)).toBe("dark");
    expect(resolveTheme("garbage", false)).toBe("light");
  });
});
