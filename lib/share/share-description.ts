import { firstExchange, type ShareSnapshot } from "./share-snapshot";

const MAX_DESCRIPTION_CHARS = 200;

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A link preview's description: the opening question and the start of its answer. */
export function shareDescription(snapshot: ShareSnapshot): string {
  const { question, answer } = firstExchange(snapshot);
  if (!question) return "A conversation shared from Workers AI Chat.";
  const q = clip(question, 90);
  return answer ? clip(`${q} — ${answer}`, MAX_DESCRIPTION_CHARS) : q;
}
