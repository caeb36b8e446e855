/**
 * A Web Worker that highlights code with Shiki (code-highlighter.ts), so grammar compilation and
 * tokenizing never block the page. Messages: { id, code, language } in, { id, lines } out.
 */
import { highlight } from "./code-highlighter";

export interface HighlightRequest {
  id: number;
  code: string;
  language: string;
}

// A dedicated worker's global scope; the project's `dom` lib types `postMessage` as the window's.
const scope = globalThis as unknown as {
  addEventListener(type: "message", listener: (event: MessageEvent<HighlightRequest>) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener("message", (event) => {
  const { id, code, language } = event.data;
  highlight(code, language).then(
    (lines) => scope.postMessage({ id, lines }),
    () => scope.postMessage({ id, lines: null }),
  );
});
