import { SYSTEM_DARK_QUERY, THEME_STORAGE_KEY } from "./theme";

/**
 * Runs in <head> before the body paints, so a stored dark (or light) choice
 * never flashes the other theme first. Hand-written ES5 rather than a
 * stringified function: a compiled function's text can depend on bundler
 * helpers that don't exist in the page. It mirrors resolveTheme and
 * applyResolvedTheme's class + color-scheme part; theme-script.test.ts checks
 * they agree. Each step is guarded: storage can throw (privacy modes,
 * sandboxed frames) and the page must render regardless.
 */
export const THEME_SCRIPT = `(function(){var t;try{t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})}catch(e){}try{var d=document.documentElement,r=t==="light"||t==="dark"?t:matchMedia(${JSON.stringify(SYSTEM_DARK_QUERY)}).matches?"dark":"light";d.classList.toggle("dark",r==="dark");d.style.colorScheme=r}catch(e){}})()`;
