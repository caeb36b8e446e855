/**
 * A Web Worker that turns TeX into MathML with KaTeX (math-markup.ts). KaTeX's chunk alone takes
 * 50-110 ms to evaluate on a 2-core VM: on the page, that froze a reply when its first formula
 * arrived. Messages: { id, tex, display } in, { id, result: markup } out.
 */
import { mathMarkup } from "./math-markup";
import { serveWorkerRequests } from "./worker-client";

export interface MathRequest {
  tex: string;
  display: boolean;
}

serveWorkerRequests(({ tex, display }: MathRequest) => mathMarkup(tex, display));
