/**
 * The Workers AI text models this app offers. workers-ai-provider's own model-id
 * list is stale, so we keep ours. Retired models (hermes-2-pro, gemma-3-12b) are
 * deliberately absent.
 */
export interface CatalogModel {
  id: string;
  name: string;
  family: string;
  contextWindow: number;
  functionCalling: boolean;
  reasoning: boolean;
  vision: boolean;
  paidOnly: boolean;
}

export const MODEL_CATALOG: readonly CatalogModel[] = [
  {
    id: "@cf/meta/llama-3.3-70b-instruct-fp8-fast",
    name: "Llama 3.3 70B Instruct (fast)",
    family: "Meta Llama",
    contextWindow: 24_000,
    functionCalling: true,
    reasoning: false,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/meta/llama-4-scout-17b-16e-instruct",
    name: "Llama 4 Scout 17B",
    family: "Meta Llama",
    contextWindow: 131_000,
    functionCalling: true,
    reasoning: false,
    vision: true,
    paidOnly: false,
  },
  {
    id: "@cf/mistralai/mistral-small-3.1-24b-instruct",
    name: "Mistral Small 3.1 24B",
    family: "Mistral",
    contextWindow: 128_000,
    functionCalling: true,
    reasoning: false,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/qwen/qwen3-30b-a3b-fp8",
    name: "Qwen3 30B A3B",
    family: "Qwen",
    contextWindow: 32_000,
    functionCalling: true,
    reasoning: true,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/openai/gpt-oss-120b",
    name: "gpt-oss 120B",
    family: "OpenAI",
    contextWindow: 128_000,
    functionCalling: true,
    reasoning: true,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/openai/gpt-oss-20b",
    name: "gpt-oss 20B",
    family: "OpenAI",
    contextWindow: 128_000,
    functionCalling: true,
    reasoning: true,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/zai-org/glm-4.7-flash",
    name: "GLM 4.7 Flash",
    family: "Z.ai GLM",
    contextWindow: 131_000,
    functionCalling: true,
    reasoning: true,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/google/gemma-4-26b-a4b-it",
    name: "Gemma 4 26B A4B",
    family: "Google Gemma",
    contextWindow: 128_000,
    functionCalling: true,
    reasoning: true,
    vision: true,
    paidOnly: false,
  },
  {
    id: "@cf/nvidia/nemotron-3-120b-a12b",
    name: "Nemotron 3 120B A12B",
    family: "NVIDIA",
    contextWindow: 128_000,
    functionCalling: true,
    reasoning: true,
    vision: false,
    paidOnly: false,
  },
  {
    id: "@cf/moonshotai/kimi-k2.6",
    name: "Kimi K2.6",
    family: "Moonshot AI",
    contextWindow: 256_000,
    functionCalling: true,
    reasoning: true,
    vision: false,
    paidOnly: true,
  },
];

export const DEFAULT_MODEL_ID = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

const modelsById = new Map(MODEL_CATALOG.map((model) => [model.id, model]));

export function findModel(id: string): CatalogModel | undefined {
  return modelsById.get(id);
}

const defaultModel = modelsById.get(DEFAULT_MODEL_ID) as CatalogModel;

/** The model a chat page shows: its stored model, or the default once that model is no longer offered. */
export function modelOrDefault(id?: string): CatalogModel {
  return (id ? modelsById.get(id) : undefined) ?? defaultModel;
}
