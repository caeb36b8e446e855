import { type AiMode, parseAiMode } from "./ai-mode";
import { withCapacityRetry } from "./capacity-retry";
import { withCoalescedText } from "./coalesce-sse-text";
import { createOfflineBinding, type OfflineBindingOptions } from "./offline-binding";
import { stageTimeoutsFromEnv, withStageTimeouts } from "./stage-timeouts";
import { withStreamGuard } from "./stream-guard";

/** The slice of the Workers AI binding that workers-ai-provider calls. */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

export interface ResolvedBinding {
  binding: AiRunner;
  /** Whether the last run() went to the offline stand-in (only known after a call in auto mode). */
  usedOffline(): boolean;
}

export interface GuardedBinding extends ResolvedBinding {
  /** The error Workers AI reported inside a stream, if one did (see stream-guard). */
  streamError(): string | undefined;
}

interface BindingEnv {
  AI_MODE?: string;
  AI?: unknown;
  OFFLINE_AI_CHUNK_DELAY_MS?: string;
  OFFLINE_AI_REPLY_WORDS?: string;
  AI_FIRST_CHUNK_TIMEOUT_MS?: string;
  AI_BETWEEN_CHUNKS_TIMEOUT_MS?: string;
  AI_WHOLE_ANSWER_TIMEOUT_MS?: string;
}

/** Local wrangler/miniflare rejects remote-only bindings with this when not logged in. */
export function isRemoteOnlyError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  if ((error as { remote?: unknown }).remote === true) return true;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && /needs to be run remotely/i.test(message);
}

export function offlineOptionsFromEnv(env: BindingEnv): OfflineBindingOptions {
  const delay = Number(env.OFFLINE_AI_CHUNK_DELAY_MS);
  const words = Number(env.OFFLINE_AI_REPLY_WORDS);
  return {
    ...(Number.isFinite(delay) && env.OFFLINE_AI_CHUNK_DELAY_MS ? { chunkDelayMs: delay } : {}),
    ...(Number.isFinite(words) && env.OFFLINE_AI_REPLY_WORDS ? { replyWords: words } : {}),
  };
}

/**
 * Picks what answers model calls. AI_MODE=workers-ai always uses the real
 * binding; offline always uses the stand-in; auto uses the real binding and
 * falls back only on the "needs to be run remotely" error, which a deployed
 * Worker never raises, so production can never quietly answer offline.
 */
export function resolveAiBinding(env: BindingEnv): GuardedBinding {
  const resolved = chooseBinding(env);
  const retried = withCapacityRetry(resolved.binding, { attempts: 3, baseDelayMs: 300 });
  let streamError: string | undefined;
  const reportStreamError = (message: string) => {
    streamError ??= message;
  };
  const timed = withStageTimeouts(retried, stageTimeoutsFromEnv(env), reportStreamError);
  const guarded = withStreamGuard(timed, reportStreamError);
  return { ...resolved, binding: withCoalescedText(guarded), streamError: () => streamError };
}

function chooseBinding(env: BindingEnv): ResolvedBinding {
  const mode: AiMode = parseAiMode(env.AI_MODE);
  const real = env.AI as AiRunner | undefined;

  if (mode === "workers-ai") {
    if (!real) throw new Error("AI_MODE=workers-ai but the Worker has no AI binding; add it to wrangler.jsonc.");
    return { binding: real, usedOffline: () => false };
  }
  if (mode === "offline" || !real) {
    return { binding: createOfflineBinding(offlineOptionsFromEnv(env)), usedOffline: () => true };
  }

  let lastWasOffline = false;
  let offline: AiRunner | undefined;
  return {
    usedOffline: () => lastWasOffline,
    binding: {
      async run(model, inputs, options) {
        try {
          const output = await real.run(model, inputs, options);
          lastWasOffline = false;
          return output;
        } catch (error) {
          if (!isRemoteOnlyError(error)) throw error;
          offline ??= createOfflineBinding(offlineOptionsFromEnv(env));
          lastWasOffline = true;
          return offline.run(model, inputs, options);
        }
      },
    },
  };
}
