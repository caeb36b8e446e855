import { type OfflineRunCall, observeOfflineCalls } from "@/lib/ai/offline-binding";

export interface OfflineCallLog {
  /** Every call seen so far, oldest first. */
  readonly calls: readonly OfflineRunCall[];
  /** The calls whose messages mention `marker` (a unique word in the test's message). */
  mentioning(marker: string): OfflineRunCall[];
  stop(): void;
}

/** Starts recording what the provider sends to the offline binding (test helper). */
export function recordOfflineCalls(): OfflineCallLog {
  const calls: OfflineRunCall[] = [];
  const stop = observeOfflineCalls((call) => calls.push(call));
  return {
    calls,
    mentioning: (marker) => calls.filter((call) => JSON.stringify(call.inputs.messages ?? "").includes(marker)),
    stop,
  };
}
