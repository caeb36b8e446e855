/** Markdown element styles, shared by the chat's client renderer and the share page's server one. */

// Element styles live here (no typography plugin): `dark:` variants follow whatever dark mode the
// app configures, media query or class.
export const PROSE = [
  "min-w-0 break-words",
  "[&>*:first-child]:mt-0 [&>*:last-child]:mb-0",
  "[&_p]:my-3",
  "[&_h1]:mt-6 [&_h1]:mb-3 [&_h1]:text-2xl [&_h1]:font-semibold",
  "[&_h2]:mt-6 [&_h2]:mb-3 [&_h2]:text-xl [&_h2]:font-semibold",
  "[&_h3]:mt-5 [&_h3]:mb-2 [&_h3]:text-lg [&_h3]:font-semibold",
  "[&_h4]:mt-4 [&_h4]:mb-2 [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_ul]:my-3 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-3 [&_ol]:list-decimal [&_ol]:pl-6",
  "[&_li]:my-1 [&_li>ul]:my-1 [&_li>ol]:my-1",
  "[&_ul.contains-task-list]:list-none [&_ul.contains-task-list]:pl-1 [&_.task-list-item>input]:mr-2 [&_.task-list-item>input]:align-middle",
  "[&_blockquote]:my-3 [&_blockquote]:border-l-4 [&_blockquote]:border-zinc-300 [&_blockquote]:pl-4 [&_blockquote]:text-zinc-600",
  "dark:[&_blockquote]:border-zinc-700 dark:[&_blockquote]:text-zinc-400",
  "[&_hr]:my-6 [&_hr]:border-zinc-200 dark:[&_hr]:border-zinc-800",
  "[&_del]:text-zinc-500 dark:[&_del]:text-zinc-400",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-zinc-100 [&_:not(pre)>code]:px-1.5 [&_:not(pre)>code]:py-0.5 [&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-[0.875em]",
  "dark:[&_:not(pre)>code]:bg-zinc-800",
  "[&_table]:my-3 [&_table]:block [&_table]:max-w-full [&_table]:overflow-x-auto [&_table]:border-collapse [&_table]:text-sm",
  "[&_th]:border [&_th]:border-zinc-200 [&_th]:bg-zinc-50 [&_th]:px-3 [&_th]:py-1.5 [&_th]:text-left [&_th]:font-semibold",
  "[&_td]:border [&_td]:border-zinc-200 [&_td]:px-3 [&_td]:py-1.5",
  "dark:[&_th]:border-zinc-800 dark:[&_th]:bg-zinc-900 dark:[&_td]:border-zinc-800",
  "[&_.katex-display]:my-3 [&_.katex-display]:overflow-x-auto",
  "[&_section.footnotes]:mt-6 [&_section.footnotes]:border-t [&_section.footnotes]:border-zinc-200 [&_section.footnotes]:pt-3 [&_section.footnotes]:text-sm",
  "dark:[&_section.footnotes]:border-zinc-800",
].join(" ");
