import {
  convertToModelMessages,
  createIdGenerator,
  isStepCount,
  // One consumer reads the result (below), so nothing needs replaying: no tee buffering the whole reply.
  experimental_streamTextLowMemory as streamText,
  type TextStreamPart,
  type ToolSet,
  toUIMessageStream,
} from "ai";
import { awaitFirstOutput, type PartTransform } from "@/lib/ai/await-first-output";
import { resolveAiBinding } from "@/lib/ai/binding";
import { chatModel } from "@/lib/ai/chat-model";
import { generateTitle } from "@/lib/ai/generate-title";
import { getModelCatalog } from "@/lib/ai/live-catalog";
import { withoutOfflineDirectives } from "@/lib/ai/offline-args";
import { chatInstructions, MAX_STEPS } from "@/lib/ai/prompts";
import { requireModel } from "@/lib/ai/require-model";
import { InStreamError } from "@/lib/ai/stream-guard";
import { createChatTools } from "@/lib/ai/tools";
import { toolApprovalFor } from "@/lib/ai/tools/tool-approval";
import { describeStreamError, logUpstreamError, upstreamHttpError } from "@/lib/ai/upstream-error";
import {
  createChatWithMessage,
  getChat,
  listMessagePage,
  listMessagesFrom,
  previousMessageId,
  saveGeneratedTitle,
  saveMessage,
} from "@/lib/db/queries";
import { archiveBranch } from "@/lib/db/versions";
import { HttpError } from "@/lib/http/http-error";
import { applyApprovals } from "./apply-approvals";
import type { ChatMessage, ChatMessageMetadata } from "./chat-message";
import type { ChatRequest } from "./chat-request";
import { settingsOrDefault } from "./chat-settings";
import { fallbackTitle } from "./fallback-title";
import { fitHistory } from "./fit-history";
import { inlineImages, requireVisionFor, verifiedMessageParts } from "./message-attachments";
import { REPLY_HEADERS, replyBody } from "./reply-body";
import { replyTokenLimit } from "./reply-token-limit";
import { watchForStop } from "./stop-watch";

export interface ChatTurnContext {
  env: CloudflareEnv;
  /** The verified owner id of the browser asking. */
  ownerId: string;
  /** Keeps work alive after the response is sent (ctx.waitUntil on Workers). */
  waitUntil(promise: Promise<unknown>): void;
}

const generateMessageId = createIdGenerator({ prefix: "msg", size: 16 });

/** More history than any catalog model's context holds; fitHistory trims it to the model. */
const HISTORY_LOAD_LIMIT = 400;
/** Room left for the instructions and tool definitions. */
const PROMPT_OVERHEAD_TOKENS = 1_000;

/**
 * One chat turn: save the user's message, stream the model's reply, and save
 * the reply when the stream ends, even if the browser has gone away by then.
 */
export async function streamChatReply(request: ChatRequest, context: ChatTurnContext): Promise<Response> {
  const db = context.env.DB;
  // A first message goes straight to creating the chat (one D1 round trip fewer before the first token);
  // the create itself refuses an id that exists, and then the turn starts over the usual way.
  const [chat, catalog] = await Promise.all([
    request.newChat ? null : getChat(db, request.id),
    getModelCatalog(context.env),
  ]);
  // Someone else's chat answers exactly like a chat that doesn't exist.
  if (chat && chat.ownerId !== context.ownerId) throw new HttpError(404, "not_found", "No such chat.");
  const model = requireModel(catalog, request.model ?? chat?.model ?? catalog.defaultModelId);
  // Settings sent with the turn are the chat's from now on; otherwise the stored ones apply.
  const settings = request.settings ?? settingsOrDefault(chat?.settings);
  const storedWith = { model: model.id, ...(request.settings ? { settings: request.settings } : {}) };

  let firstText: string | undefined;
  let recent: ChatMessage[];
  // The user's message is written while the model starts: both are awaited before answering, so
  // the first token isn't held up by the write, and a failed write still fails the turn.
  let userMessageSaved: Promise<void> = Promise.resolve();
  if (request.message) {
    // Checked before anything is saved: a forged image reference or images for a blind model change nothing.
    const parts = await verifiedMessageParts(context.env, request.id, context.ownerId, request.message);
    requireVisionFor(model, catalog, parts);
    const userMessage: ChatMessage = {
      id: request.message.id,
      role: "user",
      parts,
      metadata: { createdAt: Date.now() },
    };
    if (!chat) {
      firstText = titleSource(parts);
      const newChat = {
        id: request.id,
        ownerId: context.ownerId,
        model: model.id,
        title: fallbackTitle(firstText),
        ...(request.settings ? { settings: request.settings } : {}),
      };
      userMessageSaved = createChatWithMessage(db, newChat, userMessage).then((created) => {
        if (!created) throw new ChatExistsAlready();
      });
      recent = [userMessage];
    } else {
      const page = await listMessagePage(db, request.id, { limit: HISTORY_LOAD_LIMIT });
      const isNewMessage =
        request.trigger !== "regenerate" && !page.hasOlder && !page.messages.some(({ id }) => id === userMessage.id);
      if (isNewMessage) {
        userMessageSaved = saveMessage(db, request.id, userMessage, storedWith);
        recent = [...page.messages, userMessage];
      } else {
        // A regenerate or an edit replaces a branch: archived and saved before the history is read again.
        await archiveReplacedBranch(db, request.id, request.message.id, request.trigger === "regenerate");
        await saveMessage(db, request.id, userMessage, storedWith);
        recent = (await listMessagePage(db, request.id, { limit: HISTORY_LOAD_LIMIT })).messages;
      }
    }
  } else if (request.approvals) {
    if (!chat) throw new HttpError(404, "not_found", "No such chat.");
    const { messages: last } = await listMessagePage(db, request.id, { limit: 1 });
    // Approved calls run (and denied ones are reported to the model) when streamText sees the updated reply.
    await saveMessage(db, request.id, applyApprovals(last[0], request.approvals), storedWith);
    recent = (await listMessagePage(db, request.id, { limit: HISTORY_LOAD_LIMIT })).messages;
  } else {
    // chatRequestSchema already requires one of the two; this keeps `recent` definitely assigned.
    throw new HttpError(400, "invalid_request", "Send either a message or approvals.");
  }
  const maxOutputTokens = replyTokenLimit(model.contextWindow, settings.maxOutputTokens);
  const history = fitHistory(recent, model.contextWindow - maxOutputTokens - PROMPT_OVERHEAD_TOKENS);

  const ai = resolveAiBinding(context.env);
  const tools: ToolSet | undefined = model.functionCalling
    ? createChatTools({ env: context.env, chatId: request.id, ownerId: context.ownerId, ai: ai.binding })
    : undefined;
  // Stop in the browser (POST /api/chats/:id/stop) ends generation here too, keeping what was written.
  const stopper = new AbortController();
  const turnStartedAt = Date.now();
  const result = streamText({
    abortSignal: stopper.signal,
    model: chatModel(ai.binding, model.id),
    instructions: chatInstructions(settings.systemPrompt),
    messages: await convertToModelMessages(await inlineImages(history, context.env, request.id, model.vision), {
      tools,
    }),
    tools,
    // Image generation and web fetches wait for a person's approval (see lib/ai/tools/tool-approval.ts).
    ...(tools ? { toolApproval: toolApprovalFor(settings.alwaysAllowTools) } : {}),
    stopWhen: isStepCount(MAX_STEPS),
    maxOutputTokens,
    ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
    // workers-ai-provider sends this as reasoning_effort; other models may reject the field.
    ...(model.reasoningEffort && settings.reasoningEffort ? { reasoning: settings.reasoningEffort } : {}),
    // lib/ai retries capacity errors itself; the SDK would also retry quota errors.
    maxRetries: 0,
    // We keep our own logs; the SDK's telemetry would walk every call's inputs for nothing.
    telemetry: { isEnabled: false },
    onError: ({ error }) => logUpstreamError(request.id, model.id, error),
  });

  const outcome = {
    errored: false,
    finishReason: undefined as string | undefined,
    firstOutputAt: undefined as number | undefined,
  };
  const observe: PartTransform<ToolSet> = (part, enqueue) => {
    if (part.type === "error") outcome.errored = true;
    if (outcome.firstOutputAt === undefined && (part.type === "text-delta" || part.type === "reasoning-delta")) {
      outcome.firstOutputAt = Date.now();
    }
    if (part.type === "finish") {
      outcome.finishReason = part.finishReason;
      // A stream that broke off finishes quietly; tell the browser it failed.
      if (part.finishReason === "error" && !outcome.errored) {
        outcome.errored = true;
        enqueue({ type: "error", error: new InStreamError(ai.streamError()) });
      }
    }
    enqueue(part);
  };
  const [first, saved] = await Promise.allSettled([awaitFirstOutput(result.stream, observe), userMessageSaved]);
  if (saved.status === "rejected") {
    stopper.abort();
    if (first.status === "fulfilled" && first.value.ok) await first.value.stream.cancel().catch(() => {});
    // Not new after all (a resend, or a chat made in between): nothing was written; read it and go again.
    // Without the hint the chat was read first, so this is a race: answered as a conflict, not looped.
    if (saved.reason instanceof ChatExistsAlready) {
      if (!request.newChat) throw new HttpError(409, "conflict", "This chat changed while sending. Please try again.");
      return streamChatReply({ ...request, newChat: undefined }, context);
    }
    throw saved.reason;
  }
  if (first.status === "rejected") throw first.reason;
  if (!first.value.ok) throw upstreamHttpError(first.value.error);
  const unwatch = watchForStop(db, request.id, turnStartedAt, () => stopper.abort());

  // A new chat is named while its first reply streams; offline it keeps the fallback title.
  const title =
    firstText === undefined
      ? undefined
      : ai.usedOffline()
        ? Promise.resolve(fallbackTitle(firstText))
        : nameChat(db, request.id, firstText, context.env, fallbackTitle(firstText));
  if (title) context.waitUntil(title);

  const startedAt = Date.now();
  const uiStream = toUIMessageStream<ToolSet, ChatMessage>({
    stream: first.value.stream,
    tools,
    originalMessages: history,
    generateMessageId,
    sendReasoning: true,
    messageMetadata: ({ part }): ChatMessageMetadata | undefined => {
      if (part.type === "start") {
        return { model: model.id, offline: ai.usedOffline(), createdAt: startedAt };
      }
      if (part.type === "finish") {
        return {
          finishReason: part.finishReason,
          ...(part.finishReason === "error" ? { incomplete: true } : {}),
          usage: { inputTokens: part.totalUsage.inputTokens, outputTokens: part.totalUsage.outputTokens },
          // From the first token to the last: what tokens per second is measured over.
          generationMs: Date.now() - (outcome.firstOutputAt ?? startedAt),
        };
      }
      return undefined;
    },
    onError: describeStreamError,
    onEnd: async ({ responseMessage, isAborted }) => {
      unwatch();
      // A finish with reason "error" has already set `errored` (see the transform above).
      const incomplete = isAborted || outcome.errored || outcome.finishReason === undefined;
      const reply: ChatMessage = {
        ...responseMessage,
        metadata: {
          ...responseMessage.metadata,
          ...(incomplete ? { incomplete: true } : {}),
          ...(stopper.signal.aborted ? { stopped: true } : {}),
        },
      };
      await saveMessage(db, request.id, reply);
    },
  });

  // Keeps generating and saves the reply even when the browser disconnects mid-stream.
  const body = replyBody(uiStream, {
    waitUntil: context.waitUntil,
    ...(title ? { title: { chatId: request.id, ready: title } } : {}),
  });
  return new Response(body, { headers: REPLY_HEADERS });
}

/** The new chat's id was taken when the chat was about to be created. */
class ChatExistsAlready extends Error {}

/** What a new chat is named after: its first message's text, or the name of its first image. */
function titleSource(parts: ChatMessage["parts"]): string {
  const text = parts.map((part) => (part.type === "text" ? part.text : "")).join(" ");
  if (withoutOfflineDirectives(text).trim()) return text;
  const image = parts.find((part) => part.type === "file");
  return image?.type === "file" ? (image.filename ?? "Image") : text;
}

/** Generates, stores and returns a title for a new chat; the fallback when the model can't. */
async function nameChat(
  db: D1Database,
  chatId: string,
  firstText: string,
  env: CloudflareEnv,
  fallback: string,
): Promise<string> {
  const generated = await generateTitle(resolveAiBinding(env).binding, firstText);
  if (!generated) return fallback;
  // A rename that landed first wins; the browser then keeps what it has.
  return (await saveGeneratedTitle(db, chatId, generated)) ? generated : fallback;
}

/**
 * Before a regenerated reply or an edited message, the branch it replaces is
 * kept as a version: for a regenerate, everything after the user's message;
 * for an edit (a message id already in the chat), that message and everything
 * after it. A new message touches nothing.
 */
async function archiveReplacedBranch(
  db: D1Database,
  chatId: string,
  messageId: string,
  regenerate: boolean,
): Promise<void> {
  const fromMessage = await listMessagesFrom(db, chatId, messageId, true);
  const [existing, ...after] = fromMessage;
  if (!existing) {
    if (regenerate) throw new HttpError(400, "invalid_request", "There is no such message to answer again.");
    return;
  }
  if (existing.role !== "user")
    throw new HttpError(400, "invalid_request", "Only your own messages can be sent again.");
  if (regenerate) {
    await archiveBranch(db, chatId, messageId, after);
  } else {
    await archiveBranch(db, chatId, (await previousMessageId(db, chatId, messageId)) ?? "", fromMessage);
  }
}
