/** A finished tool call's output, shown for what it is: an image, a number, a page of text, a time. */

interface ImageOutput {
  url: string;
  mediaType?: string;
  prompt?: string;
  width?: number;
  height?: number;
  offline?: boolean;
}

interface CalculationOutput {
  expression: string;
  result: string;
}

interface PageOutput {
  finalUrl: string;
  title: string | null;
  text: string;
  truncated?: boolean;
}

interface TimeOutput {
  timeZone: string;
  localTime: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isImage(output: unknown): output is ImageOutput {
  // Our own routes serve generated images: /api/files/... in a chat, /api/shares/... on a shared page.
  return (
    isRecord(output) &&
    typeof output.url === "string" &&
    (output.url.startsWith("/api/files/") || output.url.startsWith("/api/shares/")) &&
    typeof output.mediaType === "string" &&
    output.mediaType.startsWith("image/")
  );
}

function isCalculation(output: unknown): output is CalculationOutput {
  return isRecord(output) && typeof output.expression === "string" && typeof output.result === "string";
}

function isPage(output: unknown): output is PageOutput {
  return isRecord(output) && typeof output.finalUrl === "string" && typeof output.text === "string";
}

function isTime(output: unknown): output is TimeOutput {
  return isRecord(output) && typeof output.timeZone === "string" && typeof output.localTime === "string";
}

/** Web pages can be long; the card shows the start, the model got up to the tool's own limit. */
const PAGE_PREVIEW_CHARS = 600;

export function ToolResult({ output }: { output: unknown }) {
  if (isImage(output)) {
    const alt = output.prompt ? `Generated image: ${output.prompt}` : "Generated image";
    return (
      <figure className="flex flex-col gap-1">
        <a href={output.url} target="_blank" rel="noreferrer" className="block w-fit">
          <img
            src={output.url}
            alt={alt}
            width={output.width}
            height={output.height}
            loading="lazy"
            className="max-h-96 w-auto max-w-full rounded-lg border border-zinc-200 dark:border-zinc-800"
          />
        </a>
        <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">
          {output.offline ? "Offline placeholder image: made by the stand-in, not an image model. " : ""}
          {output.prompt}
        </figcaption>
      </figure>
    );
  }
  if (isCalculation(output)) {
    return (
      <p className="font-mono text-sm">
        {output.expression} = <strong className="text-base">{output.result}</strong>
      </p>
    );
  }
  if (isTime(output)) {
    return (
      <p className="text-sm">
        {output.localTime} <span className="text-zinc-500 dark:text-zinc-400">({output.timeZone})</span>
      </p>
    );
  }
  if (isPage(output)) {
    const preview = output.text.slice(0, PAGE_PREVIEW_CHARS);
    return (
      <div className="flex flex-col gap-1 text-sm">
        <a href={output.finalUrl} target="_blank" rel="noreferrer" className="font-medium underline">
          {output.title ?? output.finalUrl}
        </a>
        <p className="max-h-40 overflow-y-auto whitespace-pre-wrap text-zinc-700 dark:text-zinc-300">
          {preview}
          {output.text.length > preview.length || output.truncated ? "…" : ""}
        </p>
      </div>
    );
  }
  return <pre className="overflow-x-auto font-mono text-xs">{JSON.stringify(output, null, 2)}</pre>;
}
