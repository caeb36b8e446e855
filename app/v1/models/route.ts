import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { authenticateApiRequest } from "@/lib/openai/api-keys";
import { corsHeaders, preflightResponse, withCors } from "@/lib/openai/cors";
import { toOpenAiModelList } from "@/lib/openai/model-list";
import { toOpenAiErrorResponse } from "@/lib/openai/openai-error";

// The list depends on the Worker's AI binding, so it can't be fixed at build time.
export const dynamic = "force-dynamic";

/** The models /v1/chat/completions accepts, in OpenAI's list format. */
export async function GET(request: Request): Promise<Response> {
  const { env } = getCloudflareContext();
  const cors = corsHeaders(request, env.OPENAI_CORS_ORIGINS);
  try {
    await authenticateApiRequest(request, env);
    const catalog = await getModelCatalog(env);
    return withCors(
      Response.json(toOpenAiModelList(catalog), { headers: { "cache-control": "private, max-age=300" } }),
      cors,
    );
  } catch (error) {
    return withCors(toOpenAiErrorResponse(error), cors);
  }
}

export function OPTIONS(request: Request): Response {
  const { env } = getCloudflareContext();
  return preflightResponse(request, env.OPENAI_CORS_ORIGINS);
}
