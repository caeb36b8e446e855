import { describeError, log } from "@/lib/log/log";
import { parseAiMode } from "./ai-mode";
import { isRemoteOnlyError } from "./binding";
import { BUILT_IN_CATALOG, type CatalogModel, DEFAULT_MODEL_ID, type ModelCatalog } from "./catalog";

/**
 * The models Workers AI offers right now, from the AI binding's model search,
 * with the built-in catalog as the answer whenever the live list can't be had.
 */

/** The model list changes a few times a month; an hour is fresh enough and keeps the search off every request. */
const LIVE_TTL_MS = 60 * 60 * 1000;
/** Retry a failed search soon, but not on every request while Workers AI is unreachable. */
const FAILURE_TTL_MS = 5 * 60 * 1000;
/** The list is nice to have; a page must not wait long for it. */
const SEARCH_TIMEOUT_MS = 3_000;
const PAGE_SIZE = 100;
/** Workers AI has well under 500 text models; a bound keeps a misbehaving search from looping. */
const MAX_PAGES = 5;
/** Assumed when the search gives no context window: small enough to be safe for any chat model. */
const UNKNOWN_CONTEXT_WINDOW = 8_000;

/** One result of `env.AI.models()` (AiModelsSearchObject), typed loosely: values are not always strings. */
export interface ModelSearchObject {
  name: string;
  task?: { name?: string };
  properties?: { property_id: string; value: unknown }[];
}

const builtInById = new Map(BUILT_IN_CATALOG.models.map((model) => [model.id, model]));
const builtInFamilyByAuthor = new Map(BUILT_IN_CATALOG.models.map((model) => [model.author, model.family]));

function flag(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true") return true;
    if (text === "false") return false;
  }
  return undefined;
}

function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(number) && number > 0 ? Math.floor(number) : undefined;
}

/** "2026-05-30" or an ISO timestamp as its UTC day; undefined when it isn't a date. */
function isoDay(value: unknown): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function displayWord(word: string): string {
  if (/^\d+(\.\d+)?[bmk]$|^(fp|int)\d+$|^awq$/i.test(word)) return word.toUpperCase();
  // Versions read as written: "v0.2".
  return /^v\d/.test(word) ? word : capitalize(word);
}

/** "llama-3.1-8b-instruct-fp8" -> "Llama 3.1 8B Instruct FP8": good enough for a model nobody has named for us. */
export function nameFromSlug(slug: string): string {
  return slug.split(/[-_]+/).filter(Boolean).map(displayWord).join(" ");
}

function familyFromAuthor(author: string): string {
  return builtInFamilyByAuthor.get(author) ?? author.split(/[-_]+/).filter(Boolean).map(capitalize).join(" ");
}

/**
 * Maps model-search results to catalog models: curated names for models we know,
 * derived ones otherwise; capabilities from the search (it is the truth), falling
 * back to what we know. Models already retired by `now` are left out; those with
 * a retirement date ahead carry it. Known models come first, in our order.
 */
export function catalogFromSearch(objects: readonly ModelSearchObject[], now: Date): CatalogModel[] {
  const known: CatalogModel[] = [];
  const others: CatalogModel[] = [];
  for (const object of objects) {
    if (typeof object.name !== "string" || object.name === "") continue;
    if (object.task?.name && object.task.name !== "Text Generation") continue;
    const properties = new Map((object.properties ?? []).map((property) => [property.property_id, property.value]));

    const retires = isoDay(properties.get("planned_deprecation_date"));
    if (retires && Date.parse(retires) <= now.getTime()) continue;

    const id = object.name;
    const [, author = "", ...rest] = id.split("/");
    const curated = builtInById.get(id);
    const model: CatalogModel = {
      id,
      name: curated?.name ?? nameFromSlug(rest.join("/") || id),
      family: curated?.family ?? familyFromAuthor(author),
      author: curated?.author ?? author,
      contextWindow:
        positiveInteger(properties.get("context_window")) ?? curated?.contextWindow ?? UNKNOWN_CONTEXT_WINDOW,
      functionCalling: flag(properties.get("function_calling")) ?? curated?.functionCalling ?? false,
      reasoning: flag(properties.get("reasoning")) ?? curated?.reasoning ?? false,
      // The search has no property for it; only models we have checked get it.
      reasoningEffort: curated?.reasoningEffort ?? false,
      vision: flag(properties.get("vision")) ?? curated?.vision ?? false,
      paidOnly: flag(properties.get("require_workers_paid")) ?? curated?.paidOnly ?? false,
      ...(retires ? { plannedDeprecation: retires } : {}),
    };
    (curated ? known : others).push(model);
  }
  const order = [...builtInById.keys()];
  known.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  others.sort((a, b) => a.family.localeCompare(b.family) || a.name.localeCompare(b.name));
  return [...known, ...others];
}

interface ModelSearch {
  models(params?: { task?: string; per_page?: number; page?: number }): Promise<ModelSearchObject[]>;
}

interface CatalogEnv {
  AI_MODE?: string;
  AI?: unknown;
}

async function searchTextModels(ai: ModelSearch): Promise<ModelSearchObject[]> {
  const all: ModelSearchObject[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const results = await ai.models({ task: "Text Generation", per_page: PAGE_SIZE, page });
    all.push(...results);
    if (results.length < PAGE_SIZE) break;
  }
  return all;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`model search took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadCatalog(ai: ModelSearch): Promise<{ catalog: ModelCatalog; live: boolean }> {
  try {
    const models = catalogFromSearch(await withTimeout(searchTextModels(ai), SEARCH_TIMEOUT_MS), new Date());
    // A list without our default is too odd to trust (or cut short); keep the known one.
    if (!models.some((model) => model.id === DEFAULT_MODEL_ID)) {
      log("warn", "live model list lacks the default model", { count: models.length });
      return { catalog: BUILT_IN_CATALOG, live: false };
    }
    return { catalog: { models, defaultModelId: DEFAULT_MODEL_ID, source: "live" }, live: true };
  } catch (error) {
    // Running locally without `wrangler login` is expected; anything else is worth a log line.
    if (!isRemoteOnlyError(error)) {
      log("warn", "model search failed", { error: describeError(error) });
    }
    return { catalog: BUILT_IN_CATALOG, live: false };
  }
}

/**
 * A catalog source with its own per-isolate cache. The app uses the one shared
 * instance behind getModelCatalog; tests make their own with a fake clock.
 */
export function createModelCatalogSource(clock: () => number = Date.now): (env: CatalogEnv) => Promise<ModelCatalog> {
  let cached: { catalog: ModelCatalog; expiresAt: number } | undefined;
  // Concurrent requests on a cold isolate share one search.
  let pending: Promise<ModelCatalog> | undefined;
  return async (env) => {
    const ai = env.AI as Partial<ModelSearch> | undefined;
    if (parseAiMode(env.AI_MODE) === "offline" || typeof ai?.models !== "function") return BUILT_IN_CATALOG;
    if (cached && cached.expiresAt > clock()) return cached.catalog;
    pending ??= loadCatalog(ai as ModelSearch)
      .then(({ catalog, live }) => {
        cached = { catalog, expiresAt: clock() + (live ? LIVE_TTL_MS : FAILURE_TTL_MS) };
        return catalog;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

const sharedSource = createModelCatalogSource();

/** The models to offer: the live Workers AI list (cached per isolate), or the built-in one offline or on failure. */
export function getModelCatalog(env: CatalogEnv): Promise<ModelCatalog> {
  return sharedSource(env);
}
