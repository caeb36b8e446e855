import type { MathRequest } from "./math.worker";
import { createWorkerClient } from "./worker-client";

const renderInWorker = createWorkerClient<MathRequest, string>(
  () => new Worker(new URL("./math.worker.ts", import.meta.url), { type: "module" }),
  async ({ tex, display }) => (await import("./math-markup")).mathMarkup(tex, display),
);

// Formulas repeat (a reply mounts again, a chat is reopened, a streaming block re-renders): each is rendered once.
const rendered = new Map<string, Promise<string | null>>();
const MAX_CACHED = 500;

/** `tex` as MathML markup, rendered off the page's thread; null when it couldn't be rendered. */
export function renderMath(tex: string, display: boolean): Promise<string | null> {
  const key = `${display ? "D" : "I"}${tex}`;
  let markup = rendered.get(key);
  if (!markup) {
    if (rendered.size >= MAX_CACHED) rendered.delete(rendered.keys().next().value as string);
    markup = renderInWorker({ tex, display });
    rendered.set(key, markup);
    // A failure (the worker could not start) is not kept: the next mount renders it on the page instead.
    void markup.then((result) => {
      if (result === null) rendered.delete(key);
    });
  }
  return markup;
}
