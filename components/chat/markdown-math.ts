/**
 * How `$$…$$` is parsed, the same for the chat and share pages. Rendering differs: the chat turns
 * each formula into MathML in a worker (math-formula.tsx), share pages with KaTeX on the server
 * (components/share/server-math.ts).
 */

import type { Options } from "react-markdown";
import remarkMath from "remark-math";

type PluggableList = NonNullable<Options["remarkPlugins"]>;

// Single `$` stays text: "$5 and $10" is far more common in chat than inline TeX.
export const remarkMathPlugins: PluggableList = [[remarkMath, { singleDollarTextMath: false }]];
