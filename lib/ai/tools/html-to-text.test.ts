import { describe, expect, it } from "vitest";
import { htmlToText } from "./html-to-text";

describe("htmlToText", () => {
  it("reads the title and the body text with line breaks for blocks", () => {
    const page = `<!DOCTYPE html>
      <html lang="en"><head>
        <meta charset="utf-8"><title>  A   Page &amp; Title </title>
        <style>body { color: red }</style>
        <script>var x = "<p>not text</p>";</script>
      </head>
      <body>
        <header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
        <h1>Main   heading</h1>
        <p>First
           paragraph with <b>bold</b> and <a href="/x" title="a > b">a link</a>.</p>
        <p>Second<br>line</p>
        <ul><li>one</li><li>two</li></ul>
        <table><tr><th>Name</th><th>Age</th></tr><tr><td>Ada</td><td>36</td></tr></table>
      </body></html>`;
    expect(htmlToText(page)).toEqual({
      title: "A Page & Title",
      text: [
        "Home About",
        "",
        "Main heading",
        "",
        "First paragraph with bold and a link.",
        "",
        "Second",
        "line",
        "",
        "- one",
        "- two",
        "",
        "Name Age",
        "Ada 36",
      ].join("\n"),
    });
  });

  it("removes scripts, styles, noscript, svg, templates, forms' option lists and comments", () => {
    const page = `<body>
      <script type="module">document.write("<b>gone</b>")</script>
      <SCRIPT>alert(1)</SCRIPT>
      <style media="x">.a{}</style>
      <noscript>Enable JavaScript</noscript>
      <svg viewBox="0 0 1 1"><title>icon</title><text>svg text</text></svg>
      <template><p>template</p></template>
      <select><option>Option A</option></select>
      <!-- a comment <p>hidden</p> -->
      <p>Visible</p>
    </body>`;
    expect(htmlToText(page)).toEqual({ title: null, text: "Visible" });
  });

  it("decodes named, decimal and hex entities after removing tags", () => {
    const { text } = htmlToText(
      "<p>Caf&eacute; &ndash; &#8364;5 &#x1F600; &lt;script&gt;alert(1)&lt;/script&gt; AT&T &copy &nbsp;x&quot;y&apos;</p>",
    );
    expect(text).toBe("Café – €5 😀 <script>alert(1)</script> AT&T © x\"y'");
  });

  it("keeps line breaks inside <pre>", () => {
    expect(htmlToText("<p>Code:</p><pre>line 1\nline 2\n</pre><p>after</p>").text).toBe(
      "Code:\n\nline 1\nline 2\n\nafter",
    );
  });

  it("copes with a page cut short in the middle of a tag or a script", () => {
    expect(htmlToText("<p>Start</p><p>middle <a href=").text).toBe("Start\n\nmiddle <a href=");
    expect(htmlToText("<p>Start</p><script>var never = 'closed'").text).toBe("Start");
  });

  it("keeps the body when </head> is omitted, as HTML allows", () => {
    expect(htmlToText("<html><head><title>T</title><body><p>Body text</p>")).toEqual({ title: "T", text: "Body text" });
    expect(htmlToText("<head><title>T</title><p>Body text</p>")).toEqual({ title: "T", text: "Body text" });
  });

  it("leaves a lone < that starts no tag as text", () => {
    expect(htmlToText("<p>1 < 2 and 3 > 2</p>").text).toBe("1 < 2 and 3 > 2");
  });

  it("has no title when the title is empty", () => {
    expect(htmlToText("<title>  </title><p>x</p>").title).toBeNull();
  });
});

describe("htmlToText on hostile input", () => {
  // A Worker can't interrupt a regular expression: every pattern must stay linear.
  it.each([
    ["unclosed tags", "<a ".repeat(300_000)],
    ["unclosed quoted attributes", '<a title="'.repeat(100_000)],
    ["a huge tag without an end", `<a ${"x".repeat(1_000_000)}`],
    ["a huge tag name", `<${"a".repeat(1_000_000)}`],
    ["unclosed heads and titles", "<head><title>".repeat(80_000)],
    ["unclosed declarations", "<!x ".repeat(250_000)],
    ["unclosed scripts", "<script>".repeat(120_000)],
    ["unclosed comments", "<!--".repeat(250_000)],
    ["many blocks", "<p></p><br>".repeat(90_000)],
  ])("stays fast on %s (about 1 MB)", (_name, html) => {
    const started = performance.now();
    htmlToText(html);
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
