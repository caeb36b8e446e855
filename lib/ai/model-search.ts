import type { CatalogModel } from "./catalog";

export interface ModelGroup {
  label: string;
  models: CatalogModel[];
}

/** Lower-case words of a model that a search can match: name, id, family and author. */
function haystack(model: CatalogModel): string {
  return `${model.name} ${model.id} ${model.family} ${model.author}`.toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Models matching every word of `query`, in any order, each at the start of a
 * word in the name, id, family or author: "llama 70" finds Llama 3.3 70B, and
 * "20b" finds gpt-oss 20B but not 120B. Empty query: all.
 */
export function searchModels(models: readonly CatalogModel[], query: string): CatalogModel[] {
  const patterns = query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => new RegExp(`(^|[^a-z0-9])${escapeRegExp(word)}`));
  if (patterns.length === 0) return [...models];
  return models.filter((model) => {
    const text = haystack(model);
    return patterns.every((pattern) => pattern.test(text));
  });
}

/**
 * The picker's sections: favorites first (in the order they were pinned),
 * then one group per family in alphabetical order, each sorted by name. A
 * favorite is listed only under Favorites, so each model appears once.
 */
export function groupModels(models: readonly CatalogModel[], favoriteIds: readonly string[]): ModelGroup[] {
  const favorites = new Set(favoriteIds);
  const pinned = favoriteIds
    .map((id) => models.find((model) => model.id === id))
    .filter((model): model is CatalogModel => model !== undefined);
  const families = new Map<string, CatalogModel[]>();
  for (const model of models) {
    if (favorites.has(model.id)) continue;
    const family = families.get(model.family) ?? [];
    family.push(model);
    families.set(model.family, family);
  }
  const groups = [...families.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, members]) => ({ label, models: members.sort((a, b) => a.name.localeCompare(b.name)) }));
  return pinned.length > 0 ? [{ label: "Favorites", models: pinned }, ...groups] : groups;
}

/** "128K", "24K", "1M": context windows as people say them. */
export function formatContextWindow(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`;
  return `${Math.round(tokens / 1_000)}K`;
}
