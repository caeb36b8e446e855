/**
 * Share pages render math on the server: KaTeX MathML, which browsers lay out natively, so the page
 * needs no KaTeX code, stylesheet or fonts.
 */

import type { Options } from "react-markdown";
import rehypeKatex from "rehype-katex";
import { KATEX_OPTIONS } from "@/components/chat/math-markup";

export const rehypeMathPlugins: NonNullable<Options["rehypePlugins"]> = [[rehypeKatex, KATEX_OPTIONS]];
