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

type TrackedPromise<T> = Promise<T> & { status?: "fulfilled"; value?: T };

let pending: TrackedPromise<MathPlugins> | undefined;

/**
 * One shared promise, marked fulfilled when done: React's `use` then reads the value without
 * suspending, so once KaTeX is loaded every later render (and hydration) is synchronous.
 */
export function loadMathPlugins(): Promise<MathPlugins> {
  if (!pending) {
    const promise: TrackedPromise<MathPlugins> = import("./markdown-math").then(
      (mod) => ({ remark: mod.remarkMathPlugins, rehype: mod.rehypeMathPlugins }),
      // A failed chunk load must not break the reply: math then stays as `$$…$$` text.
      (): MathPlugins => ({ remark: [], rehype: [] }),
    );
    promise.then((value) => {
      promise.status = "fulfilled";
      promise.value = value;
    });
    pending = promise;
  }
  return pending;
}

// The server loads it up front so server-rendered pages (share links) carry finished math markup.
if (typeof window === "undefined") void loadMathPlugins();
