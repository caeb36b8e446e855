import { describe, expect, it, vi } from "vitest";
import { BUILT_IN_CATALOG, DEFAULT_MODEL_ID } from "./catalog";
import { catalogFromSearch, createModelCatalogSource, type ModelSearchObject, nameFromSlug } from "./live-catalog";

const NOW = new Date("2026-11-23T12:00:00Z");

/** A search result shaped like `env.AI.models()` answers: every property value a string. */
function searchObject(name: string, properties: Record<string, string> = {}): ModelSearchObject {
  return {
    name,
    task: { name: "Text Generation" },
    properties: Object.entries(properties).map(([property_id, value]) => ({ property_id, value })),
  };
}

const llama = searchObject(DEFAULT_MODEL_ID, {
  context_window: "24000",
  function_calling: "true",
  reasoning: "false",
  require_workers_paid: "false",
});

describe("catalogFromSearch", () => {
  it("keeps our curated name, family and author for a known model and reads capabilities from the search", () => {
    const [model] = catalogFromSearch(
      [
        searchObject("@cf/openai/gpt-oss-120b", {
          context_window: "131072",
          function_calling: "true",
          reasoning: "True",
          vision: "false",
        }),
      ],
      NOW,
    );
    expect(model).toEqual({
      id: "@cf/openai/gpt-oss-120b",
      name: "gpt-oss 120B",
      family: "OpenAI",
      author: "openai",
      contextWindow: 131_072,
      functionCalling: true,
      reasoning: true,
      reasoningEffort: true,
      vision: false,
      paidOnly: false,
    });
  });

  it("parses booleans and numbers from strings, and the search overrides what we knew", () => {
    const [model] = catalogFromSearch(
      [
        searchObject("@cf/moonshotai/kimi-k2.6", {
          context_window: " 262144 ",
          function_calling: "FALSE",
          require_workers_paid: "false",
          vision: "true",
        }),
      ],
      NOW,
    );
    expect(model).toMatchObject({ contextWindow: 262_144, functionCalling: false, paidOnly: false, vision: true });
    // Absent from the search: what we knew stands.
    expect(model?.reasoning).toBe(true);
  });

  it("derives a name and family for a model we don't know, and is careful with its capabilities", () => {
    const [model] = catalogFromSearch(
      [searchObject("@cf/ibm-granite/granite-4.0-h-micro", { context_window: "131000", function_calling: "true" })],
      NOW,
    );
    expect(model).toEqual({
      id: "@cf/ibm-granite/granite-4.0-h-micro",
      name: "Granite 4.0 H Micro",
      family: "Ibm Granite",
      author: "ibm-granite",
      contextWindow: 131_000,
      functionCalling: true,
      reasoning: false,
      reasoningEffort: false,
      vision: false,
      paidOnly: false,
    });
  });

  it("gives an unknown model of a known publisher that publisher's family", () => {
    const [model] = catalogFromSearch([searchObject("@cf/meta/llama-3.1-8b-instruct-fp8")], NOW);
    expect(model).toMatchObject({ name: "Llama 3.1 8B Instruct FP8", family: "Meta Llama", author: "meta" });
    // No context window in the search: a small, safe one.
    expect(model?.contextWindow).toBe(8_000);
  });

  it("leaves out models already retired and flags those that will be", () => {
    const models = catalogFromSearch(
      [
        searchObject("@hf/nousresearch/hermes-2-pro-mistral-7b", {
          function_calling: "true",
          planned_deprecation_date: "2026-05-30",
        }),
        searchObject("@cf/google/gemma-3-12b-it", { planned_deprecation_date: "2026-05-30T00:00:00Z" }),
        searchObject("@cf/qwen/qwen3-30b-a3b-fp8", {
          context_window: "32000",
          reasoning: "true",
          planned_deprecation_date: "2027-02-01",
        }),
        llama,
      ],
      NOW,
    );
    expect(models.map((model) => model.id)).toEqual([DEFAULT_MODEL_ID, "@cf/qwen/qwen3-30b-a3b-fp8"]);
    expect(models[1]?.plannedDeprecation).toBe("2027-02-01");
    expect(models[0]).not.toHaveProperty("plannedDeprecation");
  });

  it("lists known models in our order, then the rest by family and name", () => {
    const ids = catalogFromSearch(
      [
        searchObject("@cf/zeta/zeta-1"),
        searchObject("@cf/openai/gpt-oss-20b"),
        searchObject("@cf/alpha/alpha-2"),
        llama,
      ],
      NOW,
    ).map((model) => model.id);
    expect(ids).toEqual([DEFAULT_MODEL_ID, "@cf/openai/gpt-oss-20b", "@cf/alpha/alpha-2", "@cf/zeta/zeta-1"]);
  });

  it("skips results that are not text generation models or have no name", () => {
    const models = catalogFromSearch(
      [
        { name: "@cf/black-forest-labs/flux-1-schnell", task: { name: "Text-to-Image" }, properties: [] },
        { name: "", properties: [] },
        llama,
      ],
      NOW,
    );
    expect(models.map((model) => model.id)).toEqual([DEFAULT_MODEL_ID]);
  });
});

describe("nameFromSlug", () => {
  it("capitalises words and sizes", () => {
    expect(nameFromSlug("mistral-7b-instruct-v0.2")).toBe("Mistral 7B Instruct v0.2");
    expect(nameFromSlug("llama-3.2-1b-instruct")).toBe("Llama 3.2 1B Instruct");
  });
});

describe("getModelCatalog's cache and fallbacks", () => {
  function fakeAi(answer: () => Promise<ModelSearchObject[]>) {
    return { models: vi.fn(answer) };
  }

  it("answers with the built-in catalog offline, without asking the binding", async () => {
    const ai = fakeAi(async () => [llama]);
    const catalog = await createModelCatalogSource()({ AI_MODE: "offline", AI: ai });
    expect(catalog).toBe(BUILT_IN_CATALOG);
    expect(ai.models).not.toHaveBeenCalled();
    expect(await createModelCatalogSource()({ AI_MODE: "auto" })).toBe(BUILT_IN_CATALOG);
  });

  it("uses the live list and caches it for an hour", async () => {
    let now = 0;
    const ai = fakeAi(async () => [llama, searchObject("@cf/openai/gpt-oss-20b")]);
    const source = createModelCatalogSource(() => now);
    const catalog = await source({ AI_MODE: "auto", AI: ai });
    expect(catalog.source).toBe("live");
    expect(catalog.defaultModelId).toBe(DEFAULT_MODEL_ID);
    expect(catalog.models.map((model) => model.id)).toEqual([DEFAULT_MODEL_ID, "@cf/openai/gpt-oss-20b"]);
    expect(ai.models).toHaveBeenCalledWith(expect.objectContaining({ task: "Text Generation" }));

    now = 59 * 60 * 1000;
    expect(await source({ AI: ai })).toBe(catalog);
    expect(ai.models).toHaveBeenCalledTimes(1);
    now = 61 * 60 * 1000;
    await source({ AI: ai });
    expect(ai.models).toHaveBeenCalledTimes(2);
  });

  it("falls back to the built-in catalog when the binding must run remotely, and retries after five minutes", async () => {
    let now = 0;
    const ai = fakeAi(async () => {
      throw Object.assign(new Error("Binding AI needs to be run remotely"), { remote: true });
    });
    const source = createModelCatalogSource(() => now);
    expect(await source({ AI: ai })).toBe(BUILT_IN_CATALOG);
    now = 4 * 60 * 1000;
    expect(await source({ AI: ai })).toBe(BUILT_IN_CATALOG);
    expect(ai.models).toHaveBeenCalledTimes(1);
    now = 6 * 60 * 1000;
    await source({ AI: ai });
    expect(ai.models).toHaveBeenCalledTimes(2);
  });

  it("falls back to the built-in catalog when the live list lacks the default model", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ai = fakeAi(async () => [searchObject("@cf/openai/gpt-oss-20b")]);
    expect(await createModelCatalogSource()({ AI: ai })).toBe(BUILT_IN_CATALOG);
    warn.mockRestore();
  });

  it("falls back to the built-in catalog when the search hangs", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const ai = fakeAi(() => new Promise(() => {}));
      const pending = createModelCatalogSource()({ AI: ai });
      await vi.advanceTimersByTimeAsync(3_000);
      expect(await pending).toBe(BUILT_IN_CATALOG);
    } finally {
      vi.useRealTimers();
      warn.mockRestore();
    }
  });

  it("pages through a long list", async () => {
    const page = (n: number, count: number) =>
      Array.from({ length: count }, (_, i) => searchObject(`@cf/many/model-${n}-${i}`));
    const ai = {
      models: vi.fn(async ({ page: n }: { page?: number } = {}) =>
        n === 1 ? [llama, ...page(1, 99)] : n === 2 ? page(2, 5) : [],
      ),
    };
    const catalog = await createModelCatalogSource()({ AI: ai });
    expect(catalog.models).toHaveLength(105);
    expect(ai.models).toHaveBeenCalledTimes(2);
  });
});
