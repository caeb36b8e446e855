/**
 * A Web Worker that highlights code with Shiki (code-highlighter.ts), so grammar compilation and
 * tokenizing never block the page. Messages: { id, code, language } in, { id, result: lines } out.
 */
import { highlight } from "./code-highlighter";
import { serveWorkerRequests } from "./worker-client";

export interface HighlightRequest {
  code: string;
  language: string;
}

serveWorkerRequests(({ code, language }: HighlightRequest) => highlight(code, language));
