import { useEffect, useSyncExternalStore } from "react";
import type { Options } from "react-markdown";

type PluggableList = NonNullable<Options["remarkPlugins"]>;

export interface MathPlugins {
  remark: PluggableList;
  rehype: PluggableList;
}

/** remark-math parses `$$…$$` only (single `$` is off), so no `$$` means no KaTeX to load. */
export function mayContainMath(markdown: string): boolean {
  return markdown.includes("$$");
}

// `typeof window` is compiled to a constant by Next, so the chat pages' server bundle never
// references KaTeX (~450 KB): chat pages render math in the browser only.
const importMath = typeof window === "undefined" ? null : () => import("./markdown-math");

let loaded: MathPlugins | null = null;
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

/** Starts loading KaTeX once; every mounted reply re-renders with math when it arrives. */
export function loadMathPlugins(): Promise<void> {
  if (!importMath) return Promise.resolve();
  loading ??= importMath()
    .then(
      (mod): MathPlugins => ({ remark: mod.remarkMathPlugins, rehype: mod.rehypeMathPlugins }),
      // A failed chunk load must not break the reply: math then stays as `$$…$$` text.
      (): MathPlugins => ({ remark: [], rehype: [] }),
    )
    .then((plugins) => {
      loaded = plugins;
      for (const listener of listeners) listener();
    });
  return loading;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The math plugins once loaded, else null. The server snapshot is always null, so hydration
 * matches the server HTML (math as text) and the reply re-renders with KaTeX right after.
 */
export function useMathPlugins(wanted: boolean): MathPlugins | null {
  const plugins = useSyncExternalStore(
    subscribe,
    () => loaded,
    () => null,
  );
  useEffect(() => {
    if (wanted) void loadMathPlugins();
  }, [wanted]);
  return wanted ? plugins : null;
}
