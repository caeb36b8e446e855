import { join } from "node:path";
import { inject } from "vitest";
import { getPlatformProxy, type PlatformProxy } from "wrangler";

const CONTEXT_SYMBOL = Symbol.for("__cloudflare-context__");

export interface WorkerTestContext {
  env: CloudflareEnv;
  /** Resolves once every ctx.waitUntil promise the route registered has settled. */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Real bindings from miniflare (D1 on local SQLite, R2) for route handlers
 * running in Node, installed where getCloudflareContext() looks for them, the
 * same way `initOpenNextCloudflareForDev` does for `next dev`. waitUntil is
 * recorded so tests can wait for work that outlives the response.
 */
export async function startWorkerContext(): Promise<WorkerTestContext> {
  const proxy: PlatformProxy<CloudflareEnv> = await getPlatformProxy<CloudflareEnv>({
    environment: "local",
    persist: { path: join(inject("d1StateDir"), "v3") },
  });
  const pending: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (promise: Promise<unknown>) => {
      pending.push(promise);
    },
    passThroughOnException: () => {},
    props: {},
  };
  (globalThis as Record<symbol, unknown>)[CONTEXT_SYMBOL] = { env: proxy.env, cf: proxy.cf, ctx };
  return {
    env: proxy.env,
    async settled() {
      while (pending.length > 0) await Promise.allSettled(pending.splice(0));
    },
    async dispose() {
      delete (globalThis as Record<symbol, unknown>)[CONTEXT_SYMBOL];
      await proxy.dispose();
    },
  };
}
