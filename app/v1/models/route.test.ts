import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_CATALOG } from "@/lib/ai/catalog";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { GET } from "./route";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
  worker.env.OPENAI_API_KEYS = "test:sk-models";
});
afterAll(async () => {
  delete worker.env.OPENAI_API_KEYS;
  await worker.dispose();
});

describe("GET /v1/models", () => {
  it("lists the catalog in OpenAI's list format", async () => {
    const response = await GET(
      new Request("http://localhost/v1/models", { headers: { authorization: "Bearer sk-models" } }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { object: string; data: Record<string, unknown>[] };
    expect(body.object).toBe("list");
    expect(body.data.map((model) => model.id)).toEqual(BUILT_IN_CATALOG.models.map((model) => model.id));
    for (const model of body.data) {
      expect(model).toEqual({ id: expect.any(String), object: "model", created: 0, owned_by: expect.any(String) });
    }
    expect(body.data[0]?.owned_by).toBe("meta");
  });

  it("needs a key", async () => {
    const response = await GET(new Request("http://localhost/v1/models"));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});
