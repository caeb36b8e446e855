const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s/;
// Link reference and footnote definitions apply to the whole document: such text is parsed whole.
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/** Markdown split into top-level blocks, with where each block starts in `source`. */
export interface MarkdownBlocks {
  source: string;
  blocks: string[];
  starts: number[];
}

/**
 * Splits markdown into top-level blocks at blank lines, so a long streaming reply re-parses only
 * its last block: finished blocks keep their text and their memoized render. Never splits inside
 * fenced code or `$$` math, before an indented continuation line, or between items of one list,
 * and leaves text with reference definitions whole, so the HTML matches a whole-document parse.
 */
export function splitMarkdownBlocks(source: string): string[] {
  return split(source, 0).blocks;
}

/**
 * The blocks of `source`, the same as splitMarkdownBlocks, reusing the split of `previous` when
 * `source` only grew from it: only the last two blocks are split again, so a frame of a long reply
 * costs in proportion to its end, not to all of it. Two, because whether the last block starts a
 * new block or continues the one before (a list's next item) can depend on a line still arriving.
 */
export function extendMarkdownBlocks(previous: MarkdownBlocks | null, source: string): MarkdownBlocks {
  if (!previous || previous.blocks.length < 3 || !source.startsWith(previous.source)) return split(source, 0);
  const kept = previous.blocks.length - 2;
  const from = previous.starts[kept] as number;
  const tail = source.slice(from);
  // A definition anywhere applies to the whole text: then the whole text is one block again.
  if (DEFINITION.test(tail)) return split(source, 0);
  const rest = split(tail, from);
  return {
    source,
    blocks: previous.blocks.slice(0, kept).concat(rest.blocks),
    starts: previous.starts.slice(0, kept).concat(rest.starts),
  };
}

/** Blocks of `source`, with start offsets counted from `base`. */
function split(source: string, base: number): MarkdownBlocks {
  if (DEFINITION.test(source)) return { source, blocks: [source], starts: [base] };
  const lines = source.split("\n");
  const blocks: string[] = [];
  const starts: number[] = [];
  let current: string[] = [];
  let currentStart = base;
  let offset = base; // where line i starts
  let fence: string | null = null;
  let inMath = false;
  let blockIsList = false;

  for (let i = 0; i < lines.length; offset += (lines[i] as string).length + 1, i++) {
    const line = lines[i] as string;
    if (fence === null && !inMath && line.trim() === "" && current.length > 0) {
      let next = i + 1;
      while (next < lines.length && (lines[next] as string).trim() === "") next++;
      const following = lines[next];
      const continues =
        following !== undefined && (/^\s/.test(following) || (blockIsList && LIST_ITEM.test(following)));
      if (following !== undefined && !continues) {
        blocks.push(current.join("\n"));
        starts.push(currentStart);
        current = [];
        // The blank lines between blocks are not part of either.
        for (; i < next - 1; i++) offset += (lines[i] as string).length + 1;
        continue;
      }
    }
    if (current.length === 0) {
      blockIsList = LIST_ITEM.test(line);
      currentStart = offset;
    }
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
  if (current.length > 0) {
    blocks.push(current.join("\n"));
    starts.push(currentStart);
  }
  return { source, blocks, starts };
}
