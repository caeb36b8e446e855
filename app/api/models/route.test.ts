import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_CATALOG, type CatalogModel, DEFAULT_MODEL_ID } from "@/lib/ai/catalog";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { GET } from "./route";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

interface ModelsBody {
  defaultModel: string;
  source: string;
  models: CatalogModel[];
}

describe("GET /api/models", () => {
  it("lists the built-in catalog offline, cacheable for five minutes", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const body = (await response.json()) as ModelsBody;
    expect(body.source).toBe("built-in");
    expect(body.defaultModel).toBe(DEFAULT_MODEL_ID);
    expect(body.models).toEqual(BUILT_IN_CATALOG.models);
    expect(body.models.map((model) => model.id)).toContain(DEFAULT_MODEL_ID);
  });

  it("describes every model with every field", async () => {
    const { models } = (await (await GET()).json()) as ModelsBody;
    expect(models.length).toBeGreaterThanOrEqual(11);
    for (const model of models) {
      expect(model, model.id).toEqual({
        id: expect.stringMatching(/^@(cf|hf)\/[^/]+\/.+/),
        name: expect.any(String),
        family: expect.any(String),
        author: model.id.split("/")[1],
        contextWindow: expect.any(Number),
        functionCalling: expect.any(Boolean),
        reasoning: expect.any(Boolean),
        reasoningEffort: expect.any(Boolean),
        vision: expect.any(Boolean),
        paidOnly: expect.any(Boolean),
        ...(model.plannedDeprecation ? { plannedDeprecation: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } : {}),
      });
      expect(model.contextWindow).toBeGreaterThan(0);
    }
    expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
  });

  it("includes a model without function calling, and gives reasoning effort only to gpt-oss", async () => {
    const { models } = (await (await GET()).json()) as ModelsBody;
    expect(models.find((model) => model.id === "@cf/deepseek-ai/deepseek-r1-distill-qwen-32b")).toMatchObject({
      name: "DeepSeek R1 Distill Qwen 32B",
      family: "DeepSeek",
      functionCalling: false,
      reasoning: true,
      contextWindow: 80_000,
    });
    expect(models.filter((model) => model.reasoningEffort).map((model) => model.id)).toEqual([
      "@cf/openai/gpt-oss-120b",
      "@cf/openai/gpt-oss-20b",
    ]);
  });
});
