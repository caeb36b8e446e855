import type { AiRunner } from "./binding";

export type Stage = "first-chunk" | "between-chunks" | "whole-answer";

export interface StageTimeouts {
  /** From the call until the first streamed bytes (covers queueing and capacity retries). */
  firstChunkMs: number;
  /** The longest silence allowed once a stream has started. */
  betweenChunksMs: number;
  /** A call that doesn't stream (titles, images, non-streamed API calls) must answer within this. */
  wholeAnswerMs: number;
}

export const DEFAULT_STAGE_TIMEOUTS: StageTimeouts = {
  firstChunkMs: 45_000,
  betweenChunksMs: 30_000,
  wholeAnswerMs: 120_000,
};

/** A model call that went quiet for longer than its stage allows. */
export class StageTimeoutError extends Error {
  constructor(
    readonly stage: Stage,
    readonly ms: number,
  ) {
    const seconds = Math.round(ms / 100) / 10;
    super(
      stage === "first-chunk"
        ? `The model didn't start answering within ${seconds} s.`
        : stage === "between-chunks"
          ? `the model sent nothing for ${seconds} s`
          : `The model didn't answer within ${seconds} s.`,
    );
    this.name = "StageTimeoutError";
  }
}

/** Resolves like `promise`, or rejects with a StageTimeoutError after `ms`. */
function withDeadline<T>(promise: Promise<T>, stage: Stage, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StageTimeoutError(stage, ms)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Bounds each stage of a model call. A call that hasn't started streaming in
 * time fails before any output (so the route can answer 504 and the person can
 * retry); a stream that goes silent is ended where it stopped and reported
 * through `onStreamError`, so the partial reply is kept and marked incomplete,
 * exactly like an error event inside the stream (see stream-guard). Either way
 * the upstream request is cancelled rather than left running.
 */
export function withStageTimeouts(
  binding: AiRunner,
  timeouts: StageTimeouts,
  onStreamError: (message: string) => void,
): AiRunner {
  return {
    async run(model, inputs, options) {
      const streaming = inputs.stream === true;
      const upstream = new AbortController();
      const callerSignal = options?.signal as AbortSignal | undefined;
      const signal = callerSignal ? AbortSignal.any([callerSignal, upstream.signal]) : upstream.signal;
      const started = Date.now();
      // Cleanup runs after the deadline has rejected: cancelling first would settle the pending read as "done".
      const cancelOnTimeout = (error: unknown, reader?: ReadableStreamDefaultReader<Uint8Array>) => {
        if (!(error instanceof StageTimeoutError)) return;
        upstream.abort(error);
        if (reader) void reader.cancel(error).catch(() => {});
      };

      let output: unknown;
      try {
        output = await withDeadline(
          binding.run(model, inputs, { ...options, signal }),
          streaming ? "first-chunk" : "whole-answer",
          streaming ? timeouts.firstChunkMs : timeouts.wholeAnswerMs,
        );
      } catch (error) {
        cancelOnTimeout(error);
        throw error;
      }
      if (!(output instanceof ReadableStream)) return output;

      const reader = (output as ReadableStream<Uint8Array>).getReader();
      let first: ReadableStreamReadResult<Uint8Array>;
      try {
        const remaining = Math.max(0, timeouts.firstChunkMs - (Date.now() - started));
        first = await withDeadline(reader.read(), "first-chunk", remaining);
      } catch (error) {
        cancelOnTimeout(error, reader);
        throw error instanceof StageTimeoutError ? new StageTimeoutError("first-chunk", timeouts.firstChunkMs) : error;
      }

      // One watchdog per stream rather than a timer per chunk: this runs for every token.
      let readStartedAt = 0;
      let reading = false;
      let stalled: StageTimeoutError | undefined;
      const watchdog = setInterval(
        () => {
          if (!reading || Date.now() - readStartedAt <= timeouts.betweenChunksMs) return;
          clearInterval(watchdog);
          stalled = new StageTimeoutError("between-chunks", timeouts.betweenChunksMs);
          cancelOnTimeout(stalled, reader);
        },
        Math.max(10, Math.min(1_000, timeouts.betweenChunksMs / 4)),
      );

      return new ReadableStream<Uint8Array>({
        start(controller) {
          if (!first.done) return controller.enqueue(first.value);
          clearInterval(watchdog);
          controller.close();
        },
        async pull(controller) {
          // Only time spent waiting on the model counts, not time the reader takes to ask for more.
          reading = true;
          readStartedAt = Date.now();
          let next: ReadableStreamReadResult<Uint8Array> | undefined;
          try {
            next = await reader.read();
          } catch (error) {
            if (!stalled) {
              clearInterval(watchdog);
              throw error;
            }
          } finally {
            reading = false;
          }
          if (stalled) {
            onStreamError(stalled.message);
            // Ending without [DONE] is what the provider reports as a truncated ("error") finish.
            return controller.close();
          }
          if (!next || next.done) {
            clearInterval(watchdog);
            return controller.close();
          }
          controller.enqueue(next.value);
        },
        cancel(reason) {
          clearInterval(watchdog);
          return reader.cancel(reason);
        },
      });
    },
  };
}

/** Timeouts from the environment (AI_*_TIMEOUT_MS), each falling back to its default. */
export function stageTimeoutsFromEnv(env: {
  AI_FIRST_CHUNK_TIMEOUT_MS?: string;
  AI_BETWEEN_CHUNKS_TIMEOUT_MS?: string;
  AI_WHOLE_ANSWER_TIMEOUT_MS?: string;
}): StageTimeouts {
  const read = (value: string | undefined, fallback: number) => {
    const ms = Number(value);
    return value && Number.isFinite(ms) && ms > 0 ? ms : fallback;
  };
  return {
    firstChunkMs: read(env.AI_FIRST_CHUNK_TIMEOUT_MS, DEFAULT_STAGE_TIMEOUTS.firstChunkMs),
    betweenChunksMs: read(env.AI_BETWEEN_CHUNKS_TIMEOUT_MS, DEFAULT_STAGE_TIMEOUTS.betweenChunksMs),
    wholeAnswerMs: read(env.AI_WHOLE_ANSWER_TIMEOUT_MS, DEFAULT_STAGE_TIMEOUTS.wholeAnswerMs),
  };
}
