import { z } from "zod";
import { readJsonBody } from "@/lib/http/read-json-body";
import { type CompletionRequest, parseCompletionRequest } from "./completion-request";

/** Long conversations are sent whole with every request, so allow more than the chat's 256 KiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as a validated chat completion request (415, 413, 400 otherwise). */
export async function readCompletionRequest(request: Request): Promise<CompletionRequest> {
  return parseCompletionRequest(await readJsonBody(request, z.unknown(), MAX_BODY_BYTES));
}
