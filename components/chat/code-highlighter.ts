/**
 * Syntax highlighting with Shiki's fine-grained core. In the browser it runs inside a Web Worker
 * (code-highlighter.worker.ts, reached through highlight-client.ts): compiling a grammar's regexes
 * takes 100+ ms, which on the main thread stalled a streaming reply. Shiki, its regex engine, the
 * themes and each grammar land in their own lazy chunks and never weigh on first paint or the Worker.
 */
import { createHighlighterCore, type HighlighterCore, type LanguageRegistration, type ThemedToken } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";

type GrammarLoader = () => Promise<{ default: LanguageRegistration[] }>;

// A curated set keeps the build from emitting ~300 grammar chunks; anything else stays plain text.
const GRAMMARS: Record<string, GrammarLoader> = {
  bash: () => import("shiki/langs/bash.mjs"),
  c: () => import("shiki/langs/c.mjs"),
  cpp: () => import("shiki/langs/cpp.mjs"),
  csharp: () => import("shiki/langs/csharp.mjs"),
  css: () => import("shiki/langs/css.mjs"),
  diff: () => import("shiki/langs/diff.mjs"),
  docker: () => import("shiki/langs/docker.mjs"),
  go: () => import("shiki/langs/go.mjs"),
  html: () => import("shiki/langs/html.mjs"),
  java: () => import("shiki/langs/java.mjs"),
  javascript: () => import("shiki/langs/javascript.mjs"),
  json: () => import("shiki/langs/json.mjs"),
  jsx: () => import("shiki/langs/jsx.mjs"),
  kotlin: () => import("shiki/langs/kotlin.mjs"),
  markdown: () => import("shiki/langs/markdown.mjs"),
  php: () => import("shiki/langs/php.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  ruby: () => import("shiki/langs/ruby.mjs"),
  rust: () => import("shiki/langs/rust.mjs"),
  sql: () => import("shiki/langs/sql.mjs"),
  swift: () => import("shiki/langs/swift.mjs"),
  toml: () => import("shiki/langs/toml.mjs"),
  tsx: () => import("shiki/langs/tsx.mjs"),
  typescript: () => import("shiki/langs/typescript.mjs"),
  xml: () => import("shiki/langs/xml.mjs"),
  yaml: () => import("shiki/langs/yaml.mjs"),
};

const ALIASES: Record<string, string> = {
  "c#": "csharp",
  "c++": "cpp",
  cs: "csharp",
  console: "bash",
  dockerfile: "docker",
  golang: "go",
  js: "javascript",
  jsonc: "json",
  kt: "kotlin",
  md: "markdown",
  py: "python",
  rb: "ruby",
  rs: "rust",
  sh: "bash",
  shell: "bash",
  ts: "typescript",
  yml: "yaml",
  zsh: "bash",
};

export function grammarFor(language: string): string | undefined {
  const id = language.trim().toLowerCase();
  const canonical = ALIASES[id] ?? id;
  return canonical in GRAMMARS ? canonical : undefined;
}

let highlighter: Promise<HighlighterCore> | undefined;
const loadedGrammars = new Map<string, Promise<void>>();

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light.mjs"), import("shiki/themes/github-dark.mjs")],
    langs: [],
    // The JS engine avoids shipping and instantiating Oniguruma's WebAssembly.
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  return highlighter;
}

/** The parts of a token the page uses: plain data, so a Web Worker can post it (highlight-client.ts). */
export type HighlightedToken = Pick<ThemedToken, "content" | "offset" | "htmlStyle">;
export type HighlightedLine = readonly HighlightedToken[];

/** Tokens carry both themes as CSS variables (--shiki-light / --shiki-dark); CSS picks one. */
export async function highlight(code: string, language: string): Promise<HighlightedLine[] | null> {
  const lang = grammarFor(language);
  const loadGrammar = lang && GRAMMARS[lang];
  if (!lang || !loadGrammar) return null;
  const core = await getHighlighter();
  let loading = loadedGrammars.get(lang);
  if (!loading) {
    loading = loadGrammar().then((mod) => core.loadLanguage(mod.default));
    loadedGrammars.set(lang, loading);
  }
  await loading;
  return core
    .codeToTokens(code, {
      lang,
      themes: { light: "github-light", dark: "github-dark" },
      defaultColor: false,
    })
    .tokens.map((line) => line.map(({ content, offset, htmlStyle }) => ({ content, offset, htmlStyle })));
}
