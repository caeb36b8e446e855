/**
 * Browser side of the theme: the stored choice, a tiny store so every
 * switcher and the sync component agree, and applying a theme to <html>.
 */
import { parseTheme, resolveTheme, THEME_COLORS, THEME_STORAGE_KEY, type Theme } from "./theme";

const listeners = new Set<() => void>();
// Storage can be blocked (privacy settings, sandboxed frames); the choice then
// lasts for this page only instead of being ignored.
let unstoredTheme: Theme = "system";

export function getStoredTheme(): Theme {
  try {
    return parseTheme(localStorage.getItem(THEME_STORAGE_KEY));
  } catch {
    return unstoredTheme;
  }
}

/** The server can't see localStorage; null lets the switcher show no choice until it can. */
export function getServerTheme(): Theme | null {
  return null;
}

export function setStoredTheme(theme: Theme): void {
  unstoredTheme = theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Kept in unstoredTheme above.
  }
  for (const listener of listeners) listener();
}

/** Changes from this tab's switchers and, via the storage event, from other tabs. */
export function subscribeTheme(listener: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    // A null key means storage was cleared.
    if (event.key === THEME_STORAGE_KEY || event.key === null) listener();
  };
  listeners.add(listener);
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/**
 * Sets the dark class and color-scheme (as the head script does) and points
 * the theme-color metas at the chosen background. Those metas are media-based
 * (light/dark OS setting); with an explicit choice both get its colour, and
 * "system" restores the originals.
 */
export function applyTheme(theme: Theme, systemDark: boolean, doc: Document = document): void {
  const resolved = resolveTheme(theme, systemDark);
  const root = doc.documentElement;
  root.classList.toggle("dark", resolved === "dark");
  root.style.colorScheme = resolved;
  for (const meta of doc.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    meta.dataset.systemContent ??= meta.content;
    meta.content = theme === "system" ? meta.dataset.systemContent : THEME_COLORS[resolved];
  }
}
