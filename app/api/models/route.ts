import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { errorResponse } from "@/lib/http/json-error";

// The list depends on the Worker's AI binding, so it can't be fixed at build time.
export const dynamic = "force-dynamic";

/** The models a chat can use: `{ defaultModel, source, models }`. */
export async function GET(): Promise<Response> {
  try {
    const { env } = getCloudflareContext();
    const catalog = await getModelCatalog(env);
    return Response.json(
      { defaultModel: catalog.defaultModelId, source: catalog.source, models: catalog.models },
      { headers: { "cache-control": "public, max-age=300" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
