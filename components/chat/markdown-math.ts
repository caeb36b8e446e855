/**
 * Math support, loaded only when a reply contains `$$` (see markdown.tsx): KaTeX is ~75 KB gzip.
 * KaTeX emits MathML only, which browsers lay out natively, so no KaTeX stylesheet or fonts are
 * needed: a server-rendered share page shows formatted math without any client JS or CSS.
 */

import type { Options } from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";

type PluggableList = NonNullable<Options["remarkPlugins"]>;

// Single `$` stays text: "$5 and $10" is far more common in chat than inline TeX.
export const remarkMathPlugins: PluggableList = [[remarkMath, { singleDollarTextMath: false }]];
export const rehypeMathPlugins: PluggableList = [[rehypeKatex, { output: "mathml", throwOnError: false }]];
