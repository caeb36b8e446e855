/**
 * Word wrapping for the share preview image. The pixel font is monospace, so
 * a line's width is its character count and wrapping needs no measuring.
 */

export const ELLIPSIS = "…";

/**
 * Greedily wraps `text` into at most `maxLines` lines of at most `maxChars`
 * characters. Whitespace runs collapse to one space; words longer than a line
 * are split. If text is left over, the last line ends with "…".
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  if (maxChars < 1 || maxLines < 1) return [];
  const lines: string[] = [];
  let line = "";
  let truncated = false;

  // Words are read lazily so a huge message stops costing once the lines are full.
  for (const match of text.matchAll(/\S+/g)) {
    let word = match[0];
    if (line && line.length + 1 + word.length <= maxChars) {
      line += ` ${word}`;
      continue;
    }
    if (line) lines.push(line);
    while (word.length > maxChars && lines.length < maxLines) {
      lines.push(word.slice(0, maxChars));
      word = word.slice(maxChars);
    }
    line = word;
    if (lines.length >= maxLines) {
      truncated = true;
      break;
    }
  }
  if (!truncated && line) lines.push(line);
  if (!truncated) return lines;

  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1] ?? "", maxChars);
  return kept;
}

function withEllipsis(line: string, maxChars: number): string {
  if (line.length + 1 <= maxChars) return line + ELLIPSIS;
  let cut = line.slice(0, maxChars - 1);
  // Prefer ending on a word boundary unless that throws away most of the line.
  const space = cut.lastIndexOf(" ");
  if (space > maxChars / 2) cut = cut.slice(0, space);
  return cut.trimEnd() + ELLIPSIS;
}
