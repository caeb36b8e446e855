const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s/;
// Link reference and footnote definitions apply to the whole document: such text is parsed whole.
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/**
 * Splits markdown into top-level blocks at blank lines, so a long streaming reply re-parses only
 * its last block: finished blocks keep their text and their memoized render. Never splits inside
 * fenced code or `$$` math, before an indented continuation line, or between items of one list,
 * and leaves text with reference definitions whole, so the HTML matches a whole-document parse.
 */
export function splitMarkdownBlocks(source: string): string[] {
  if (DEFINITION.test(source)) return [source];
  const lines = source.split("\n");
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let inMath = false;
  let blockIsList = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (fence === null && !inMath && line.trim() === "" && current.length > 0) {
      let next = i + 1;
      while (next < lines.length && (lines[next] as string).trim() === "") next++;
      const following = lines[next];
      const continues =
        following !== undefined && (/^\s/.test(following) || (blockIsList && LIST_ITEM.test(following)));
      if (following !== undefined && !continues) {
        blocks.push(current.join("\n"));
        current = [];
        i = next - 1; // the blank lines between blocks are not part of either
        continue;
      }
    }
    if (current.length === 0) blockIsList = LIST_ITEM.test(line);
    current.push(line);
    const fenceMatch = FENCE.exec(line);
    if (fence === null && !inMath && fenceMatch) {
      fence = fenceMatch[1] as string;
    } else if (
      fence !== null &&
      fenceMatch &&
      fenceMatch[1]?.[0] === fence[0] &&
      (fenceMatch[1]?.length ?? 0) >= fence.length &&
      line.trim() === fenceMatch[1]
    ) {
      fence = null;
    } else if (fence === null && (line.match(/\$\$/g)?.length ?? 0) % 2 === 1) {
      inMath = !inMath;
    }
  }
  if (current.length > 0) blocks.push(current.join("\n"));
  return blocks;
}
