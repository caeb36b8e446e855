import katex from "katex";

/**
 * KaTeX's settings everywhere math is rendered (the chat's math worker, share pages on the server).
 * MathML only, which browsers lay out natively, so no KaTeX stylesheet or fonts are needed. `trust`
 * stays off (KaTeX's default), so \href, \url and \html… commands are shown, not obeyed, and the
 * markup is safe to insert however the TeX came to be.
 */
export const KATEX_OPTIONS = { output: "mathml", throwOnError: false, trust: false } as const;

/** A formula as MathML markup; a formula KaTeX can't parse comes back as its source, marked as an error. */
export function mathMarkup(tex: string, display: boolean): string {
  return katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
}
