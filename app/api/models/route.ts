import { DEFAULT_MODEL_ID, MODEL_CATALOG } from "@/lib/ai/catalog";

export function GET(): Response {
  return Response.json(
    { defaultModel: DEFAULT_MODEL_ID, models: MODEL_CATALOG },
    { headers: { "cache-control": "public, max-age=300" } },
  );
}
