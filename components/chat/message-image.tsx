import type { FileUIPart } from "ai";

/**
 * An image attached to a message, shown inline and linked to full size. No
 * hooks, so the chat and the (server-rendered) share page can both use it.
 * Its URL is same-origin: /api/files/... in a chat, /api/shares/... on a shared page.
 */
export function MessageImage({ part }: { part: FileUIPart }) {
  if (!part.mediaType.startsWith("image/")) return null;
  const name = part.filename ?? "Image";
  return (
    <a href={part.url} target="_blank" rel="noreferrer" className="block w-fit">
      <img
        src={part.url}
        alt={`Attached image: ${name}`}
        loading="lazy"
        className="max-h-80 w-auto max-w-full rounded-lg border border-zinc-200 bg-white object-contain dark:border-zinc-700"
      />
    </a>
  );
}
