import type { ModelCatalog } from "@/lib/ai/catalog";

export interface OpenAiModelList {
  object: "list";
  data: { id: string; object: "model"; created: number; owned_by: string }[];
}

/**
 * The catalog as OpenAI's model list. Workers AI doesn't say when a model was
 * added, so `created` is 0 (clients only display it); `owned_by` is the publisher.
 */
export function toOpenAiModelList(catalog: ModelCatalog): OpenAiModelList {
  return {
    object: "list",
    data: catalog.models.map((model) => ({ id: model.id, object: "model", created: 0, owned_by: model.author })),
  };
}
