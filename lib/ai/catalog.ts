/**
 * The Workers AI text models this app offers. workers-ai-provider's own model-id
 * list is stale, so we keep ours. This module is zod-free and has no runtime
 * dependencies: client components import it too. The live list (lib/ai/live-catalog)
 * replaces the built-in one on Cloudflare; the built-in one answers offline.
 */
export interface CatalogModel {
  id: string;
  name: string;
  family: string;
  /** The publisher segment of the id ("meta" in "@cf/meta/..."), as Workers AI's model search names it. */
  author: string;
  contextWindow: number;
  functionCalling: boolean;
  reasoning: boolean;
  /** accepts reasoning_effort low|medium|high */
  reasoningEffort: boolean;
  vision: boolean;
  paidOnly: boolean;
  /** YYYY-MM-DD, when Workers AI plans to retire it */
  plannedDeprecation?: string;
}

export interface ModelCatalog {
  models: CatalogModel[];
  defaultModelId: string;
  source: "live" | "built-in";
}

export const DEFAULT_MODEL_ID = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

/** Flags most models share, so each entry below only says what sets it apart. */
const PLAIN = { functionCalling: true, reasoning: false, reasoningEffort: false, vision: false, paidOnly: false };

// Retired models (hermes-2-pro, gemma-3-12b) are deliberately absent.
const BUILT_IN_MODELS: CatalogModel[] = [
  {
    ...PLAIN,
    id: DEFAULT_MODEL_ID,
    name: "Llama 3.3 70B Instruct (fast)",
    family: "Meta Llama",
    author: "meta",
    contextWindow: 24_000,
  },
  {
    ...PLAIN,
    id: "@cf/meta/llama-4-scout-17b-16e-instruct",
    name: "Llama 4 Scout 17B",
    family: "Meta Llama",
    author: "meta",
    contextWindow: 131_000,
    vision: true,
  },
  {
    ...PLAIN,
    id: "@cf/mistralai/mistral-small-3.1-24b-instruct",
    name: "Mistral Small 3.1 24B",
    family: "Mistral",
    author: "mistralai",
    contextWindow: 128_000,
  },
  {
    ...PLAIN,
    id: "@cf/qwen/qwen3-30b-a3b-fp8",
    name: "Qwen3 30B A3B",
    family: "Qwen",
    author: "qwen",
    contextWindow: 32_000,
    reasoning: true,
  },
  {
    ...PLAIN,
    id: "@cf/openai/gpt-oss-120b",
    name: "gpt-oss 120B",
    family: "OpenAI",
    author: "openai",
    contextWindow: 128_000,
    reasoning: true,
    reasoningEffort: true,
  },
  {
    ...PLAIN,
    id: "@cf/openai/gpt-oss-20b",
    name: "gpt-oss 20B",
    family: "OpenAI",
    author: "openai",
    contextWindow: 128_000,
    reasoning: true,
    reasoningEffort: true,
  },
  {
    ...PLAIN,
    id: "@cf/zai-org/glm-4.7-flash",
    name: "GLM 4.7 Flash",
    family: "Z.ai GLM",
    author: "zai-org",
    contextWindow: 131_000,
    reasoning: true,
  },
  {
    ...PLAIN,
    id: "@cf/google/gemma-4-26b-a4b-it",
    name: "Gemma 4 26B A4B",
    family: "Google Gemma",
    author: "google",
    contextWindow: 128_000,
    reasoning: true,
    vision: true,
  },
  {
    ...PLAIN,
    id: "@cf/nvidia/nemotron-3-120b-a12b",
    name: "Nemotron 3 120B A12B",
    family: "NVIDIA",
    author: "nvidia",
    contextWindow: 128_000,
    reasoning: true,
  },
  {
    ...PLAIN,
    id: "@cf/moonshotai/kimi-k2.6",
    name: "Kimi K2.6",
    family: "Moonshot AI",
    author: "moonshotai",
    contextWindow: 256_000,
    reasoning: true,
    paidOnly: true,
  },
  {
    // No function calling: chats with it get no tools.
    ...PLAIN,
    id: "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b",
    name: "DeepSeek R1 Distill Qwen 32B",
    family: "DeepSeek",
    author: "deepseek-ai",
    contextWindow: 80_000,
    functionCalling: false,
    reasoning: true,
  },
];

export const BUILT_IN_CATALOG: ModelCatalog = {
  models: BUILT_IN_MODELS,
  defaultModelId: DEFAULT_MODEL_ID,
  source: "built-in",
};

export function findModel(catalog: ModelCatalog, id: string): CatalogModel | undefined {
  return catalog.models.find((model) => model.id === id);
}

/** The model a chat page shows: its stored model, or the default once that model is no longer offered. */
export function modelOrDefault(catalog: ModelCatalog, id?: string | null): CatalogModel {
  const found = id ? findModel(catalog, id) : undefined;
  // Every catalog holds its default (live-catalog falls back to the built-in list otherwise).
  return found ?? findModel(catalog, catalog.defaultModelId) ?? (BUILT_IN_MODELS[0] as CatalogModel);
}
