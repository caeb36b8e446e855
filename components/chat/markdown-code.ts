import type { ExtraProps } from "react-markdown";

type HastElement = NonNullable<ExtraProps["node"]>;
type HastNode = HastElement["children"][number];

function textOf(node: HastNode): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** The code and language of a fenced block, which arrives as <pre><code class="language-x">. */
export function fencedCodeOf(pre: HastElement | undefined): { code: string; language: string } | null {
  const code = pre?.children.find((child) => child.type === "element" && child.tagName === "code");
  if (!code || code.type !== "element") return null;
  const classes = code.properties.className;
  const languageClass = Array.isArray(classes)
    ? classes.find((c): c is string => typeof c === "string" && c.startsWith("language-"))
    : undefined;
  return { code: textOf(code).replace(/\n$/, ""), language: languageClass?.slice("language-".length) ?? "" };
}
