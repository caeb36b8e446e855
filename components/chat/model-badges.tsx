import type { CatalogModel } from "@/lib/ai/catalog";
import { formatContextWindow } from "@/lib/ai/model-search";

const badge = "rounded px-1.5 py-0.5 text-[11px] leading-none font-medium";

function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? isoDate
    : date.toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
}

/** What a model can do, as short labels that also read well to a screen reader. */
export function ModelBadges({ model }: { model: CatalogModel }) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      {model.functionCalling && (
        <span className={`${badge} bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200`}>Tools</span>
      )}
      {model.vision && (
        <span className={`${badge} bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200`}>Vision</span>
      )}
      {model.reasoning && (
        <span className={`${badge} bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200`}>Reasoning</span>
      )}
      {model.paidOnly && (
        <span className={`${badge} bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200`}>Paid plan</span>
      )}
      {model.plannedDeprecation && (
        <span className={`${badge} bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200`}>
          Retiring {formatDate(model.plannedDeprecation)}
        </span>
      )}
      <span className="text-[11px] text-zinc-600 dark:text-zinc-400">
        {formatContextWindow(model.contextWindow)} context
      </span>
    </span>
  );
}
