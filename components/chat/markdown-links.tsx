import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** Only absolute http(s)/mailto URLs and in-page fragments (GFM footnotes) may become live links. */
export function safeUrl(url: string): string | undefined {
  if (url.startsWith("#")) return url;
  try {
    return SAFE_PROTOCOLS.has(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined; // Relative or malformed: meaningless in a model's reply.
  }
}

/** react-markdown's urlTransform: drops every other scheme (javascript:, data:, vbscript:, …). */
export function urlTransform(url: string): string {
  return safeUrl(url) ?? "";
}

const LINK =
  "font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900 dark:text-blue-400 dark:hover:text-blue-300";

export function MarkdownLink({ href, children }: ComponentProps<"a"> & ExtraProps) {
  const url = href ? safeUrl(href) : undefined;
  if (!url) return <span>{children}</span>;
  if (url.startsWith("#")) {
    return (
      <a href={url} className={LINK}>
        {children}
      </a>
    );
  }
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className={LINK}>
      {children}
    </a>
  );
}

/**
 * Images in a reply become links instead of <img>: an auto-loaded image URL is a way for injected
 * instructions to leak conversation data to a third party, and remote images are tracking beacons.
 */
export function MarkdownImage({ src, alt }: ComponentProps<"img"> & ExtraProps) {
  const url = typeof src === "string" ? safeUrl(src) : undefined;
  const label = `Image: ${alt || "untitled"}`;
  if (!url || url.startsWith("#")) return <span>[{label}]</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className={LINK}>
      [{label}]
    </a>
  );
}
