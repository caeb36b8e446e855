import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listMessages } from "@/lib/db/queries";
import { recordOfflineCalls } from "@/lib/testing/offline-calls";
import { readUIChunks, textOf, wordCount } from "@/lib/testing/ui-stream";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { POST } from "./route";

let worker: WorkerTestContext;
beforeAll(async () => {
  worker = await startWorkerContext();
});
afterAll(async () => {
  await worker.dispose();
});

let counter = 0;
function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** A new browser per test unless a cookie is given, so the per-identity limit starts from zero. */
function turn(chatId: string, text: string, cookie = ""): Request {
  return new Request("http://localhost/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      id: chatId,
      message: { id: freshId("msg"), role: "user", parts: [{ type: "text", text }] },
    }),
  });
}

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/json");
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

/** Sets env vars for one test; afterEach puts them back. */
const changedEnv: Record<string, string | undefined> = {};
function setEnv(values: Record<string, string>) {
  const env = worker.env as unknown as Record<string, string | undefined>;
  for (const [name, value] of Object.entries(values)) {
    if (!(name in changedEnv)) changedEnv[name] = env[name];
    env[name] = value;
  }
}
afterEach(() => {
  const env = worker.env as unknown as Record<string, string | undefined>;
  for (const [name, value] of Object.entries(changedEnv)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
    delete changedEnv[name];
  }
});

describe("Workers AI capacity and quota errors", () => {
  it("retries a capacity error (3040) with backoff until the model answers", async () => {
    const calls = recordOfflineCalls();
    try {
      const chatId = freshId("chat");
      const response = await POST(turn(chatId, "retry-marker offline:fail=3040 offline:failures=2 offline:words=5"));
      expect(response.status).toBe(200);
      expect(wordCount(textOf(await readUIChunks(response)))).toBe(5);
      expect(calls.mentioning("retry-marker")).toHaveLength(3);
    } finally {
      calls.stop();
    }
  });

  it("gives up on capacity errors after three attempts with a 429 the person can retry", async () => {
    const calls = recordOfflineCalls();
    try {
      const response = await POST(turn(freshId("chat"), "busy-marker offline:fail=3040"));
      expect(response.status).toBe(429);
      expect(await errorOf(response)).toMatchObject({ code: "upstream_busy" });
      expect(calls.mentioning("busy-marker")).toHaveLength(3);
    } finally {
      calls.stop();
    }
  });

  it("doesn't retry a used-up daily quota (3036): one call, a clear explanation", async () => {
    const calls = recordOfflineCalls();
    try {
      const response = await POST(turn(freshId("chat"), "quota-marker offline:fail=3036"));
      expect(response.status).toBe(429);
      const error = await errorOf(response);
      expect(error.code).toBe("quota_exhausted");
      expect(error.message).toContain("daily free allocation");
      expect(calls.mentioning("quota-marker")).toHaveLength(1);
    } finally {
      calls.stop();
    }
  });
});

describe("broken streams", () => {
  it("keeps a reply that broke off as incomplete; the same question asked again gets a whole answer", async () => {
    const text = `flaky-${freshId("q")} offline:fail=truncate offline:failures=1 offline:words=30 offline:delay=0`;
    const broken = await readUIChunks(await POST(turn(freshId("chat"), text)));
    expect(broken.find((chunk) => chunk.type === "error")).toBeDefined();
    expect(wordCount(textOf(broken))).toBeLessThan(30);

    const whole = await readUIChunks(await POST(turn(freshId("chat"), text)));
    expect(whole.find((chunk) => chunk.type === "error")).toBeUndefined();
    expect(wordCount(textOf(whole))).toBe(30);
  });
});

describe("per-stage timeouts", () => {
  it("answers 504 when the model never starts, and keeps the person's message", async () => {
    setEnv({ AI_FIRST_CHUNK_TIMEOUT_MS: "300" });
    const chatId = freshId("chat");
    const response = await POST(turn(chatId, "are you there? offline:fail=stall"));
    expect(response.status).toBe(504);
    const error = await errorOf(response);
    expect(error.code).toBe("upstream_timeout");
    expect(error.message).toContain("didn't start answering within 0.3 s");
    const stored = await listMessages(worker.env.DB, chatId);
    expect(stored.map((message) => message.role)).toEqual(["user"]);
  });

  it("ends a reply that goes silent, keeps the part that arrived and marks it incomplete", async () => {
    setEnv({ AI_BETWEEN_CHUNKS_TIMEOUT_MS: "300" });
    const chatId = freshId("chat");
    const chunks = await readUIChunks(
      await POST(turn(chatId, "offline:fail=stall-midstream offline:words=40 offline:delay=0")),
    );
    expect(chunks.find((chunk) => chunk.type === "error")).toMatchObject({
      errorText: expect.stringContaining("sent nothing for 0.3 s"),
    });
    const partial = wordCount(textOf(chunks));
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(40);
    await worker.settled();
    const [, reply] = await listMessages(worker.env.DB, chatId);
    expect(reply?.metadata).toMatchObject({ incomplete: true, finishReason: "error" });
  });

  it("lets slow but steady replies finish: the silence limit is per chunk, not per reply", async () => {
    setEnv({ AI_FIRST_CHUNK_TIMEOUT_MS: "1000", AI_BETWEEN_CHUNKS_TIMEOUT_MS: "1000" });
    const response = await POST(turn(freshId("chat"), "offline:words=12 offline:delay=150"));
    expect(response.status).toBe(200);
    const chunks = await readUIChunks(response);
    expect(chunks.find((chunk) => chunk.type === "error")).toBeUndefined();
    expect(wordCount(textOf(chunks))).toBe(12);
  });
});

describe("per-identity rate limit (Workers Rate Limiting binding)", () => {
  it("answers 429 with Retry-After after 20 turns a minute, before saving anything", async () => {
    const first = await POST(turn(freshId("chat"), "offline:words=1 offline:delay=0"));
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^wac_owner=/);
    await readUIChunks(first);

    // Windows are aligned to the clock (as in miniflare), so a run that straddles a minute gets up to 40.
    let allowed = 1;
    let limited: Response | undefined;
    let limitedChatId = "";
    while (allowed <= 40) {
      limitedChatId = freshId("chat");
      const response = await POST(turn(limitedChatId, "offline:words=1 offline:delay=0", cookie));
      if (response.status === 429) {
        limited = response;
        break;
      }
      expect(response.status).toBe(200);
      await readUIChunks(response);
      allowed += 1;
    }
    expect(allowed).toBeGreaterThanOrEqual(20);
    expect(limited?.status).toBe(429);
    expect(limited?.headers.get("retry-after")).toBe("60");
    const error = await errorOf(limited as Response);
    expect(error.code).toBe("rate_limited");
    expect(error.message).toContain("try again in 60 seconds");
    expect(await listMessages(worker.env.DB, limitedChatId)).toEqual([]);

    // Another identity isn't held back by this one.
    const other = await POST(turn(freshId("chat"), "offline:words=1 offline:delay=0"));
    expect(other.status).toBe(200);
    await readUIChunks(other);
  });

  it("can be switched off for load tests with RATE_LIMITS=off", async () => {
    setEnv({ RATE_LIMITS: "off" });
    const first = await POST(turn(freshId("chat"), "offline:words=1 offline:delay=0"));
    const cookie = (first.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await readUIChunks(first);
    for (let index = 1; index < 22; index++) {
      const response = await POST(turn(freshId("chat"), "offline:words=1 offline:delay=0", cookie));
      expect(response.status).toBe(200);
      await readUIChunks(response);
    }
  });
});
