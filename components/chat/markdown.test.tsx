import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ServerMarkdown } from "@/components/share/server-markdown";
import { grammarFor, highlight } from "./code-highlighter";
import { safeUrl } from "./markdown-links";
import { MarkdownRenderer as Markdown } from "./markdown-renderer";
import { mathMarkup } from "./math-markup";

// The chat's renderer (server-rendered first, then live in the browser) and the share page's
// server-only one must follow the same rules, so every check runs against both.
const renderers = {
  chat: (text: string) => renderToString(<Markdown text={text} />),
  share: (text: string) => renderToString(<ServerMarkdown text={text} />),
};
const render = (text: string, streaming = false) => renderToString(<Markdown text={text} streaming={streaming} />);

describe.each(Object.entries(renderers))("Markdown (%s, server-rendered)", (_name, renderMarkdown) => {
  const render = renderMarkdown;
  it("renders a GFM table as a <table>", () => {
    const html = render("| Model | Context |\n| --- | ---: |\n| llama | 24k |\n");
    expect(html).toContain("<table");
    expect(html).toMatch(/<th[^>]*>Model<\/th>/);
    expect(html).toMatch(/<td[^>]*>24k<\/td>/);
  });

  it("renders lists, task lists and strikethrough", () => {
    const html = render("- one\n- two\n\n1. first\n\n- [x] done\n- [ ] todo\n\n~~gone~~");
    expect(html).toContain("<ul");
    expect(html).toContain("<ol");
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*checked/);
    expect(html).toContain("<del>gone</del>");
  });

  it("renders a fenced code block as plain code with a Copy code button", () => {
    const html = render("Look:\n\n```ts\nconst a = 1 < 2;\n```\n");
    expect(html).toMatch(/<button[^>]*type="button"[^>]*>.*Copy code.*<\/button>/);
    expect(html).toContain("<pre");
    expect(html).toContain("const a = 1 &lt; 2;");
    expect(html).toContain(">ts<");
  });

  it("escapes raw HTML instead of rendering it", () => {
    const html = render(
      'Hi <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<iframe src="https://e.com"></iframe>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<iframe/i);
    // The attribute may appear as escaped text, never inside a tag.
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html.replaceAll("<!-- -->", "")).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("never renders a javascript: (or data:) link as a live href", () => {
    const html = render(
      "[click](javascript:alert(1)) [two](JaVaScRiPt:alert(2)) [three](data:text/html,x) <javascript:alert(3)>",
    );
    expect(html).not.toMatch(/href="\s*(javascript|data):/i);
    expect(html).toContain("click");
  });

  it("opens safe links in a new tab without an opener", () => {
    const html = render("[docs](https://example.com/a) and [mail](mailto:a@example.com)");
    expect(html).toContain('href="https://example.com/a"');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('href="mailto:a@example.com"');
  });

  it("shows images as links, never as auto-loading <img>", () => {
    const html = render("![chart](https://example.com/c.png)");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('href="https://example.com/c.png"');
  });

  it("keeps user-visible text when nothing is markdown", () => {
    expect(render("Just a sentence.")).toContain("<p>Just a sentence.</p>");
  });
});

describe("Markdown while streaming", () => {
  it("renders an unterminated fence mid-stream as a code block, not raw backticks", () => {
    const html = render("Here you go:\n\n```python\ndef f(x):\n    return x", true);
    expect(html).toContain("<pre");
    expect(html).toContain("def f(x):");
    expect(html).not.toContain("```");
  });

  it("closes half-streamed emphasis and links instead of showing raw markup", () => {
    const html = render("This is **very impor", true);
    expect(html).toContain("<strong>very impor</strong>");
    expect(html).not.toContain("**");
    const link = render("See [the docs](https://exa", true);
    expect(link).not.toContain("](");
    expect(link).toContain("the docs");
  });
});

describe("Markdown math", () => {
  it("renders $$…$$ on share pages with KaTeX (MathML, no stylesheet needed)", () => {
    const html = renderers.share("Euler: $$e^{i\\pi} + 1 = 0$$\n\n$$\n\\int_0^1 x^2\\,dx\n$$");
    expect(html).toContain('class="katex"');
    expect(html).toContain("<math");
    expect(html).toContain("<msup>");
    expect(html).not.toContain("$$");
  });

  it("shows a formula's TeX in the chat's server HTML, without the $$ (KaTeX runs in a browser worker only)", () => {
    const html = renderers.chat("Euler: $$e^{i\\pi} + 1 = 0$$ and\n\n$$\n\\int_0^1 x^2\\,dx\n$$");
    expect(html).not.toContain("<math");
    expect(html).not.toContain("$$");
    expect(html).toContain('<span class="font-mono');
    expect(html).toContain(">e^{i\\pi} + 1 = 0</span>");
    expect(html).toContain(">\\int_0^1 x^2\\,dx</div>");
  });

  it("keeps inline code as code next to inline math", () => {
    expect(render("Run `npm test`, then $$x^2$$.")).toContain("<code>npm test</code>");
  });

  it("turns TeX into MathML, display or inline, and never obeys \\href", () => {
    expect(mathMarkup("x^2", false)).toMatch(/<math[^>]*><semantics><mrow><msup>/);
    expect(mathMarkup("x^2", true)).toContain('display="block"');
    const link = mathMarkup("\\href{javascript:alert(1)}{click}", false);
    expect(link).not.toMatch(/<a[\s>]/);
    expect(link).not.toMatch(/\shref=/);
    // Bad TeX comes back as its source, marked, instead of throwing.
    expect(mathMarkup("\\frac{1}{", false)).toContain("katex-error");
  });

  it("leaves single dollars alone (prices, not TeX)", () => {
    expect(renderers.share("It costs $5 and $10.")).toContain("It costs $5 and $10.");
    expect(renderers.chat("It costs $5 and $10.")).toContain("It costs $5 and $10.");
  });
});

describe("code highlighter", () => {
  it("maps aliases and rejects unknown languages", () => {
    expect(grammarFor("TS")).toBe("typescript");
    expect(grammarFor("sh")).toBe("bash");
    expect(grammarFor("brainfuck")).toBeUndefined();
  });

  it("tokenizes with both themes as CSS variables", async () => {
    const lines = await highlight("const x = 1;\nlet y = 'a';", "ts");
    expect(lines).toHaveLength(2);
    const keyword = lines?.[0]?.find((token) => token.content === "const");
    expect(keyword?.htmlStyle?.["--shiki-light"]).toMatch(/^#/);
    expect(keyword?.htmlStyle?.["--shiki-dark"]).toMatch(/^#/);
    expect(await highlight("x", "brainfuck")).toBeNull();
  });
});

describe("safeUrl", () => {
  it("allows only http, https, mailto and fragments", () => {
    expect(safeUrl("https://a.example")).toBe("https://a.example");
    expect(safeUrl("mailto:x@y.z")).toBe("mailto:x@y.z");
    expect(safeUrl("#user-content-fn-1")).toBe("#user-content-fn-1");
    for (const bad of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "vbscript:x",
      "data:text/html,x",
      "/relative",
      "ftp://x",
    ]) {
      expect(safeUrl(bad)).toBeUndefined();
    }
  });
});
