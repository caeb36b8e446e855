"use client";

import { memo, useEffect, useState } from "react";

// `typeof window` is compiled to a constant by Next, so the server bundle never references KaTeX.
const loadMathClient = typeof window === "undefined" ? null : () => import("./math-client");

/**
 * A `$$…$$` formula: its TeX at once (and in the server HTML), MathML once KaTeX has rendered it in
 * a worker. Only this element updates when the markup arrives; the reply is not parsed again.
 */
export const MathFormula = memo(function MathFormula({ tex, display }: { tex: string; display: boolean }) {
  // While a streaming formula grows, the last rendered markup stays until the new one is ready.
  const [markup, setMarkup] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void loadMathClient?.()
      .then(({ renderMath }) => renderMath(tex, display))
      .then((html) => {
        if (current && html) setMarkup(html);
      });
    return () => {
      current = false;
    };
  }, [tex, display]);
  if (markup !== null) {
    // KaTeX's own MathML, with `trust` off (math-markup.ts): no links, attributes or HTML from the TeX.
    return display ? (
      <div dangerouslySetInnerHTML={{ __html: markup }} />
    ) : (
      <span dangerouslySetInnerHTML={{ __html: markup }} />
    );
  }
  return display ? (
    <div className="katex-display font-mono text-sm text-zinc-500 dark:text-zinc-400">{tex}</div>
  ) : (
    <span className="font-mono text-sm text-zinc-500 dark:text-zinc-400">{tex}</span>
  );
});
