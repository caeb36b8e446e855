const SNIPPET_CHARS = 100;
/** How much text before the match to keep, so the reader sees it in context. */
const LEAD_CHARS = 30;

/**
 * The part of `text` around the first case-insensitive match of `query`, on
 * one line and at most ~100 characters, with ellipses where it was cut.
 */
export function searchSnippet(text: string, query: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  const at = line.toLowerCase().indexOf(query.trim().toLowerCase());
  if (line.length <= SNIPPET_CHARS) return line;
  const start = Math.max(0, Math.min(at > LEAD_CHARS ? at - LEAD_CHARS : 0, line.length - SNIPPET_CHARS));
  // Start and end on word boundaries when one is near.
  const from = start === 0 ? 0 : line.indexOf(" ", start) + 1 || start;
  const to = Math.min(line.length, from + SNIPPET_CHARS);
  const end = to === line.length ? to : line.lastIndexOf(" ", to) > from ? line.lastIndexOf(" ", to) : to;
  return `${from > 0 ? "…" : ""}${line.slice(from, end)}${end < line.length ? "…" : ""}`;
}
