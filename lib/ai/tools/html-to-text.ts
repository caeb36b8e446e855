import { decodeHTML } from "entities/decode";

/**
 * Readable text from HTML with plain string processing: it runs the same in Workers and in
 * Node tests (Workers' HTMLRewriter doesn't exist in Node) and needs no DOM. It is meant for
 * a model to read, not to render: structure is kept only as line breaks.
 */

export interface HtmlText {
  title: string | null;
  text: string;
}

/**
 * A tag's attributes; quoted values may contain ">". No part may contain "<", so a failed match
 * stops at the next tag and the patterns stay linear on hostile input (no ReDoS).
 */
const TAG_BODY = String.raw`(?:[^<>"']|"[^<"]*"|'[^<']*')*`;

/** Elements whose content is never readable text. */
const HIDDEN_ELEMENTS = [
  "script",
  "style",
  "noscript",
  "svg",
  "template",
  "iframe",
  "object",
  "canvas",
  "select",
  "textarea",
];

/** Elements that start on a new line; headings and paragraphs get a blank line. */
const PARAGRAPH_ELEMENTS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl"];
const LINE_ELEMENTS = [
  "address",
  "article",
  "aside",
  "br",
  "dd",
  "details",
  "div",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "section",
  "summary",
  "tr",
];

const tagPattern = (names: string[]) => new RegExp(`</?(?:${names.join("|")})(?=[\\s/>])${TAG_BODY}>`, "gi");
const PARAGRAPH_TAG = tagPattern(PARAGRAPH_ELEMENTS);
const LINE_TAG = tagPattern(LINE_ELEMENTS);
const LIST_ITEM_START = new RegExp(`<li(?=[\\s/>])${TAG_BODY}>`, "gi");
const CELL_END = new RegExp(`</t[dh](?=[\\s/>])${TAG_BODY}>`, "gi");
const ANY_TAG = new RegExp(`</?[a-z][^\\s/<>"']*(?=[\\s/>])${TAG_BODY}>`, "gi");
const DECLARATION = /<[!?][^<>]*>/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TITLE_START = new RegExp(`<title(?=[\\s/>])${TAG_BODY}>`, "i");
const TITLE_END = /<\/title\s*>/i;
const PRE = new RegExp(`<pre(?=[\\s/>])${TAG_BODY}>[\\s\\S]*?(?:</pre\\s*>|$)`, "gi");
// Private-use characters stand for breaks while whitespace is collapsed: a line break inside
// <pre>, and the breaks block elements make (runs of them merge into one).
const PRE_NEWLINE = "\uE000";
const LINE_BREAK = "\uE001";
const PARAGRAPH_BREAK = "\uE002";
const MARKERS = /[\uE000-\uE002]/g;
const BREAK_RUN = /[\uE001\uE002](?:\s*[\uE001\uE002])*/g;

/** Each hidden element with its content; one left open (a page cut short) runs to the end. */
const hiddenElement = (name: string) =>
  new RegExp(`<${name}(?=[\\s/>])${TAG_BODY}>[\\s\\S]*?(?:</${name}\\s*>|$)`, "gi");
const HIDDEN = HIDDEN_ELEMENTS.map(hiddenElement);
const TITLE_ELEMENT = hiddenElement("title");
const HEAD_START = /<head(?=[\s/>])/i;
const HEAD_END = /<\/head\s*>|<body(?=[\s/>])/i;

export function htmlToText(html: string): HtmlText {
  let source = html.replace(MARKERS, "").replace(COMMENT, "");
  for (const pattern of HIDDEN) source = source.replace(pattern, " ");
  // Read after removing svg (which has titles of its own) and before removing <head>.
  const title = extractTitle(source);
  source = removeHead(source).replace(TITLE_ELEMENT, " ");
  source = source
    // Source line breaks are spaces in HTML, except inside <pre>.
    .replace(PRE, (block) => block.replace(/\r?\n/g, PRE_NEWLINE))
    .replace(/\s+/g, " ")
    .replace(LIST_ITEM_START, `${LINE_BREAK}- `)
    .replace(CELL_END, " ")
    .replace(PARAGRAPH_TAG, PARAGRAPH_BREAK)
    .replace(LINE_TAG, LINE_BREAK)
    .replace(ANY_TAG, "")
    .replace(DECLARATION, "")
    .replace(BREAK_RUN, (run) => (run.includes(PARAGRAPH_BREAK) ? "\n\n" : "\n"));
  // Decoding comes last, so "&lt;script&gt;" in a page stays text instead of becoming a tag.
  return { title, text: tidy(decodeHTML(source).replaceAll(PRE_NEWLINE, "\n")) };
}

// Searches below run once from the first match (not a lazy regex tried at every "<head"/"<title"),
// so a page full of unclosed ones can't make them quadratic.

/** The page without its <head>. </head> may be omitted in valid HTML; then <body> ends it. */
function removeHead(html: string): string {
  const start = html.search(HEAD_START);
  if (start < 0) return html;
  const end = HEAD_END.exec(html.slice(start));
  // With neither end, keep it: its title, scripts and styles go anyway, and text may follow.
  if (!end) return html;
  const closing = end[0].startsWith("</") ? end[0].length : 0;
  return `${html.slice(0, start)} ${html.slice(start + end.index + closing)}`;
}

function extractTitle(html: string): string | null {
  const start = TITLE_START.exec(html);
  if (!start) return null;
  const rest = html.slice(start.index + start[0].length);
  const end = rest.search(TITLE_END);
  if (end < 0) return null;
  const raw = rest.slice(0, end);
  const title = decodeHTML(raw.replace(ANY_TAG, "")).replace(/\s+/g, " ").trim();
  return title === "" ? null : title;
}

/** Trims every line, collapses runs of spaces and of blank lines. */
function tidy(text: string): string {
  return text
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t\f\v\r]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
