import { getCloudflareContext } from "@opennextjs/cloudflare";
import { authenticateApiRequest } from "@/lib/openai/api-keys";
import { limitApiKey } from "@/lib/openai/api-rate-limit";
import { chatCompletionResponse } from "@/lib/openai/chat-completion-response";
import { corsHeaders, preflightResponse, withCors } from "@/lib/openai/cors";
import { toOpenAiErrorResponse } from "@/lib/openai/openai-error";
import { readCompletionRequest } from "@/lib/openai/read-completion-request";

/** OpenAI-compatible chat completions (streaming and not), answered by Workers AI. */
export async function POST(request: Request): Promise<Response> {
  const { env } = getCloudflareContext();
  const cors = corsHeaders(request, env.OPENAI_CORS_ORIGINS);
  try {
    // Who is asking comes first: nobody learns anything about bad input without a key.
    const keyName = await authenticateApiRequest(request, env);
    const body = await readCompletionRequest(request);
    await limitApiKey(keyName, env);
    return withCors(await chatCompletionResponse(body, env, request.signal), cors);
  } catch (error) {
    return withCors(toOpenAiErrorResponse(error), cors);
  }
}

export function OPTIONS(request: Request): Response {
  const { env } = getCloudflareContext();
  return preflightResponse(request, env.OPENAI_CORS_ORIGINS);
}
