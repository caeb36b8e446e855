/**
 * The theme model, with no DOM access so it can be unit-tested and shared by
 * the head script, the sync component and the switcher.
 */

export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];
export type ResolvedTheme = Exclude<Theme, "system">;

/** Namespaced so it can't collide with other apps on the same origin (localhost). */
export const THEME_STORAGE_KEY = "wac:theme";

export const SYSTEM_DARK_QUERY = "(prefers-color-scheme: dark)";

/** The page background in each theme; the browser chrome (theme-color) matches it. */
export const THEME_COLORS: Record<ResolvedTheme, string> = {
  light: "#ffffff",
  dark: "#09090b",
};

/** Anything stored that isn't a known theme (absent, tampered, from an old version) means "system". */
export function parseTheme(value: unknown): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : "system";
}

export function resolveTheme(stored: unknown, systemDark: boolean): ResolvedTheme {
  const theme = parseTheme(stored);
  if (theme === "system") return systemDark ? "dark" : "light";
  return theme;
}
