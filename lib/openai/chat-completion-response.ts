import { completionBody } from "./completion-body";
import { completionChunks } from "./completion-chunks";
import type { CompletionRequest } from "./completion-request";
import { startCompletion } from "./start-completion";

/** Answers a validated chat completion request: an SSE stream of chunks, or one chat.completion object. */
export async function chatCompletionResponse(
  request: CompletionRequest,
  env: CloudflareEnv,
  abortSignal?: AbortSignal,
): Promise<Response> {
  const started = await startCompletion(request, env, abortSignal);
  // Says plainly when the built-in stand-in answered, not a model.
  const headers: Record<string, string> = {
    "cache-control": "no-store",
    ...(started.offline ? { "x-offline-mode": "1" } : {}),
  };
  if (request.stream) {
    const stream = completionChunks(started.stream, {
      model: request.model,
      includeUsage: request.stream_options?.include_usage === true,
      streamError: started.streamError,
    });
    return new Response(stream, {
      headers: { ...headers, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" },
    });
  }
  return Response.json(await completionBody(started, request.model), { headers });
}
