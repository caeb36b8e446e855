import { getCloudflareContext } from "@opennextjs/cloudflare";
import { identify } from "@/lib/auth/identity";
import { chatIdParam } from "@/lib/chat/chat-history-requests";
import { ATTACHMENT_TYPES_LABEL, isAttachmentType, MAX_ATTACHMENT_BYTES } from "@/lib/files/attachment-limits";
import { attachmentQuery } from "@/lib/files/attachment-requests";
import { ATTACHMENT_TOO_LARGE, requireAttachmentSlot, storeAttachment } from "@/lib/files/chat-attachments";
import { HttpError } from "@/lib/http/http-error";
import { errorResponse } from "@/lib/http/json-error";
import { parseOrThrow, searchParamsOf } from "@/lib/http/parse-or-throw";
import { mediaTypeOf, readBinaryBody } from "@/lib/http/read-binary-body";
import { withSetCookie } from "@/lib/http/with-set-cookie";

interface AttachmentRouteContext {
  params: Promise<{ id: string }>;
}

/**
 * Attaches an image to a chat (which may not exist yet: the first message
 * creates it). The body is the image itself; its bytes decide its type. The
 * answer is the file part the composer sends with the message.
 */
export async function POST(request: Request, { params }: AttachmentRouteContext): Promise<Response> {
  let setCookie: string | undefined;
  try {
    const chatId = parseOrThrow(chatIdParam, (await params).id);
    const { name } = parseOrThrow(attachmentQuery, searchParamsOf(request));
    if (!isAttachmentType(mediaTypeOf(request))) {
      throw new HttpError(415, "unsupported_media_type", `Attach a ${ATTACHMENT_TYPES_LABEL} image.`);
    }
    const { env } = getCloudflareContext();
    // Someone may attach an image before their first message: they get their identity here.
    const identity = await identify(request, env);
    setCookie = identity.setCookie;
    await requireAttachmentSlot(env, chatId, identity.ownerId);
    const bytes = await readBinaryBody(request, MAX_ATTACHMENT_BYTES, ATTACHMENT_TOO_LARGE);
    const attachment = await storeAttachment(env, { chatId, ownerId: identity.ownerId, name, bytes });
    return withSetCookie(Response.json({ attachment }, { status: 201 }), setCookie);
  } catch (error) {
    return withSetCookie(errorResponse(error), setCookie);
  }
}
