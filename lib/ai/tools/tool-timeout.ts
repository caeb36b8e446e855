/**
 * Runs a tool's work with a deadline. The work gets an AbortSignal that fires
 * at the deadline or when the turn is cancelled; a timeout becomes an error the
 * model and the user can read, never a hung turn.
 */
export async function withToolTimeout<T>(
  toolName: string,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
  parentSignal?: AbortSignal,
): Promise<T> {
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = parentSignal ? AbortSignal.any([deadline, parentSignal]) : deadline;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${toolName} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`)),
      timeoutMs,
    );
  });
  try {
    // Racing as well as passing the signal: work that ignores the signal still can't hang the turn.
    return await Promise.race([work(signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
