import type { AiRunner } from "./binding";

const CAPACITY_EXCEEDED = 3040;

export interface CapacityRetryOptions {
  attempts: number;
  baseDelayMs: number;
}

function isCapacityError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return code === CAPACITY_EXCEEDED || new RegExp(`\\b${CAPACITY_EXCEEDED}\\s*:`).test(message);
}

/**
 * Retries only Workers AI's "capacity temporarily exceeded" (3040), with
 * exponential backoff and full jitter. The AI SDK's own retry would also retry
 * "daily quota used up" (3036, also a 429), which can't succeed until tomorrow.
 */
export function withCapacityRetry(binding: AiRunner, options: CapacityRetryOptions): AiRunner {
  return {
    async run(model, inputs, runOptions) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await binding.run(model, inputs, runOptions);
        } catch (error) {
          const signal = runOptions?.signal as AbortSignal | undefined;
          if (attempt >= options.attempts || !isCapacityError(error) || signal?.aborted) throw error;
          const delay = Math.random() * options.baseDelayMs * 2 ** (attempt - 1);
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    },
  };
}
