import { getCloudflareContext } from "@opennextjs/cloudflare";
import { z } from "zod";
import { getShare } from "@/lib/db/shares";
import { chatFileName } from "@/lib/files/chat-file-key";
import { getChatFile } from "@/lib/files/chat-files";
import { fileResponse } from "@/lib/files/file-response";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow } from "@/lib/http/parse-or-throw";
import { shareIdParam } from "@/lib/share/share-requests";

const params = z.object({ id: shareIdParam, file: chatFileName });

// Public like the page, but short-lived at the edge so a revoked link stops serving its images soon.
const SHARED_IMAGE_CACHE = "public, max-age=300, s-maxage=300";

/** An image of a shared snapshot, served only while the link exists and only if the snapshot shows it. */
export async function GET(request: Request, context: { params: Promise<{ id: string; file: string }> }) {
  try {
    const { id, file } = parseOrThrow(params, await context.params);
    const { env } = getCloudflareContext();
    const share = await getShare(env.DB, id);
    const shared = share?.snapshot.files.find((candidate) => candidate.name === file);
    const stored = shared ? await getChatFile(env.FILES, shared.key) : null;
    if (!stored) throw new HttpError(404, "not_found", "No such image.");
    return fileResponse(request, stored, SHARED_IMAGE_CACHE);
  } catch (error) {
    return errorResponse(error);
  }
}
