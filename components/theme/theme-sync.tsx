"use client";

import { useEffect } from "react";
import { SYSTEM_DARK_QUERY } from "./theme";
import { applyTheme, getStoredTheme, subscribeTheme } from "./theme-dom";

/**
 * Keeps <html> in step after the head script's first paint: the OS switching
 * light/dark while "system" is chosen, a choice made in a switcher or another
 * tab. Lives in the root layout so pages without a switcher (shares) follow
 * too. It reads storage and the media query directly rather than React state:
 * during hydration state holds server defaults, and applying those would
 * undo the head script and flash the wrong theme.
 */
export function ThemeSync() {
  useEffect(() => {
    const media = window.matchMedia(SYSTEM_DARK_QUERY);
    const apply = () => applyTheme(getStoredTheme(), media.matches);
    apply();
    media.addEventListener("change", apply);
    const unsubscribe = subscribeTheme(apply);
    return () => {
      media.removeEventListener("change", apply);
      unsubscribe();
    };
  }, []);
  return null;
}
