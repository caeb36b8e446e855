import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MODEL_ID } from "@/lib/ai/catalog";
import { recordOfflineCalls } from "@/lib/testing/offline-calls";
import { readOpenAiEvents } from "@/lib/testing/openai-sse";
import { startWorkerContext, type WorkerTestContext } from "@/lib/testing/worker-context";
import { GET as listModels, OPTIONS as modelsOptions } from "../../models/route";
import { OPTIONS, POST } from "./route";

let worker: WorkerTestContext;
/** The env as a plain record: the tests set vars the generated CloudflareEnv type doesn't list (offline knobs). */
type Vars = Record<string, string | undefined>;
let saved: Vars;
beforeAll(async () => {
  worker = await startWorkerContext();
  saved = { ...(worker.env as unknown as Vars) };
});
afterAll(async () => {
  await worker.dispose();
});

const KEY = "sk-test-123";
const TOOLS = [
  {
    type: "function",
    function: {
      name: "current_time",
      description: "The current time in a time zone.",
      parameters: { type: "object", properties: { timeZone: { type: "string" } }, required: ["timeZone"] },
    },
  },
];

function configure(vars: Vars): void {
  Object.assign(
    worker.env,
    { OPENAI_API_KEYS: `test:${KEY},other:sk-other-456`, OFFLINE_AI_CHUNK_DELAY_MS: "0" },
    vars,
  );
}

afterEach(() => {
  for (const name of [
    "OPENAI_API_KEYS",
    "OPENAI_CORS_ORIGINS",
    "OPENAI_RATE_LIMIT_PER_MINUTE",
    "BASIC_AUTH",
    "OFFLINE_AI_CHUNK_DELAY_MS",
  ]) {
    const env = worker.env as unknown as Vars;
    if (saved[name] === undefined) delete env[name];
    else env[name] = saved[name];
  }
});

function completion(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }): Request {
  return new Request("http://localhost/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function ask(text: string, extra: Record<string, unknown> = {}) {
  return { model: DEFAULT_MODEL_ID, messages: [{ role: "user", content: text }], ...extra };
}

interface OpenAiError {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function errorOf(response: Response): Promise<OpenAiError["error"]> {
  const body = (await response.json()) as OpenAiError;
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  return body.error;
}

describe("/v1 authentication", () => {
  it("is off (404, OpenAI-shaped) until a key is configured", async () => {
    delete worker.env.OPENAI_API_KEYS;
    const response = await POST(completion(ask("hi")));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: "api_disabled", message: expect.stringMatching(/disabled/) });
    expect((await listModels(new Request("http://localhost/v1/models"))).status).toBe(404);
  });

  it("answers a missing or wrong key with 401 and a Bearer challenge", async () => {
    configure({});
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer sk-wrong" },
      { authorization: `Bearer ${KEY}x` },
    ];
    for (const headers of attempts) {
      const response = await POST(completion(ask("hi"), headers));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const error = await errorOf(response);
      expect(error).toMatchObject({ type: "authentication_error", code: "invalid_api_key" });
      // Neither the key nor its name is echoed.
      expect(JSON.stringify(error)).not.toMatch(/sk-|test|other/);
    }
  });

  it("accepts any configured Bearer key", async () => {
    configure({});
    for (const key of [KEY, "sk-other-456"]) {
      const response = await POST(completion(ask("hi offline:words=3"), { authorization: `Bearer ${key}` }));
      expect(response.status).toBe(200);
    }
  });

  it("also accepts the app's Basic auth credentials when BASIC_AUTH is set", async () => {
    configure({ BASIC_AUTH: "ada:correct horse" });
    const basic = { authorization: `Basic ${btoa("ada:correct horse")}` };
    expect((await POST(completion(ask("hi offline:words=3"), basic))).status).toBe(200);
    const models = await listModels(new Request("http://localhost/v1/models", { headers: basic }));
    expect(models.status).toBe(200);
    const wrong = { authorization: `Basic ${btoa("ada:wrong")}` };
    expect((await POST(completion(ask("hi"), wrong))).status).toBe(401);
  });
});

describe("POST /v1/chat/completions: bad input", () => {
  it("answers malformed JSON with 400", async () => {
    configure({});
    const response = await POST(completion("{not json"));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ type: "invalid_request_error", code: "malformed_json" });
  });

  it("answers empty messages and a bad role with 400 naming the field", async () => {
    configure({});
    const empty = await POST(completion({ model: DEFAULT_MODEL_ID, messages: [] }));
    expect(empty.status).toBe(400);
    expect(await errorOf(empty)).toMatchObject({ param: "messages" });

    const badRole = await POST(completion({ model: DEFAULT_MODEL_ID, messages: [{ role: "robot", content: "x" }] }));
    expect(badRole.status).toBe(400);
    expect((await errorOf(badRole)).param).toMatch(/^messages\.0/);
  });

  it("answers an unknown model with 404 model_not_found", async () => {
    configure({});
    const response = await POST(completion({ ...ask("hi"), model: "gpt-4o" }));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: "model_not_found", param: "model" });
  });

  it("answers a body over 1 MiB with 413", async () => {
    configure({});
    const response = await POST(completion(ask("x".repeat(1_100_000))));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
  });

  it("refuses a tool result whose call id no assistant message made", async () => {
    configure({});
    const response = await POST(
      completion({
        model: DEFAULT_MODEL_ID,
        messages: [
          { role: "user", content: "hi" },
          { role: "tool", tool_call_id: "call_nope", content: "{}" },
        ],
      }),
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).param).toBe("messages.1.tool_call_id");
  });
});

describe("POST /v1/chat/completions: answers", () => {
  it("returns a chat.completion with the message, finish_reason and usage", async () => {
    configure({});
    const response = await POST(
      completion({
        model: DEFAULT_MODEL_ID,
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hello API offline:words=12" },
        ],
        temperature: 0.2,
        max_tokens: 100,
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-offline-mode")).toBe("1");
    const body = (await response.json()) as {
      id: string;
      object: string;
      created: number;
      model: string;
      choices: { index: number; message: { role: string; content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    expect(body).toMatchObject({ object: "chat.completion", model: DEFAULT_MODEL_ID });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.created).toBeGreaterThan(1_700_000_000);
    expect(body.choices).toHaveLength(1);
    expect(body.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant" } });
    expect(body.choices[0]?.message.content.split(/\s+/)).toHaveLength(12);
    expect(body.usage.completion_tokens).toBe(12);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + 12);
  });

  it("reports finish_reason length when max_tokens cuts the answer", async () => {
    configure({});
    const response = await POST(completion(ask("Long one offline:words=50", { max_completion_tokens: 5 })));
    const body = (await response.json()) as { choices: { finish_reason: string; message: { content: string } }[] };
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.choices[0]?.message.content.split(/\s+/)).toHaveLength(5);
  });

  it("streams chunks: role first, content deltas, finish_reason, usage, [DONE]", async () => {
    configure({});
    const response = await POST(
      // Tokens that arrive apart stream as separate deltas (ones that arrive together are merged: lib/ai/coalesce-sse-text.ts).
      completion(
        ask("Stream it offline:words=20 offline:delay=2", { stream: true, stream_options: { include_usage: true } }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readOpenAiEvents(response);
    expect(events.at(-1)).toBe("[DONE]");
    type Chunk = {
      id: string;
      object: string;
      choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
      usage?: { completion_tokens: number } | null;
    };
    const chunks = events.slice(0, -1) as Chunk[];
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: "assistant", content: "" });
    const content = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? "")).join("");
    expect(content.split(/\s+/)).toHaveLength(20);
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(5);
    const finish = chunks.at(-2);
    expect(finish?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(finish?.usage).toBeNull();
    const usage = chunks.at(-1);
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage?.completion_tokens).toBe(20);
  });

  it("streams without a usage chunk unless asked", async () => {
    configure({});
    const events = await readOpenAiEvents(await POST(completion(ask("Quiet offline:words=4", { stream: true }))));
    const chunks = events.slice(0, -1) as { choices: unknown[]; usage?: unknown }[];
    expect(chunks.every((chunk) => chunk.choices.length === 1 && !("usage" in chunk))).toBe(true);
  });

  it("returns the model's tool calls, then answers the tool result in text", async () => {
    configure({});
    const user = {
      role: "user",
      content: 'What time is it? offline:tool=current_time offline:args={"timeZone":"UTC"}',
    };
    const first = await POST(completion({ model: DEFAULT_MODEL_ID, messages: [user], tools: TOOLS }));
    expect(first.status).toBe(200);
    const body = (await first.json()) as {
      choices: {
        finish_reason: string;
        message: {
          content: string | null;
          tool_calls: { id: string; type: string; function: { name: string; arguments: string } }[];
        };
      }[];
    };
    const choice = body.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    expect(choice?.message.tool_calls).toHaveLength(1);
    const call = choice?.message.tool_calls[0];
    expect(call).toMatchObject({ type: "function", function: { name: "current_time" } });
    expect(JSON.parse(call?.function.arguments ?? "")).toEqual({ timeZone: "UTC" });

    const second = await POST(
      completion({
        model: DEFAULT_MODEL_ID,
        tools: TOOLS,
        messages: [
          user,
          { role: "assistant", content: null, tool_calls: [call] },
          { role: "tool", tool_call_id: call?.id, content: '{"iso":"2026-11-23T12:00:00Z"}' },
        ],
      }),
    );
    expect(second.status).toBe(200);
    const answer = (await second.json()) as { choices: { finish_reason: string; message: { content: string } }[] };
    expect(answer.choices[0]?.finish_reason).toBe("stop");
    expect(answer.choices[0]?.message.content).toContain("The current_time tool returned");
    expect(answer.choices[0]?.message.content).toContain("2026-11-23T12:00:00Z");
  });

  it("streams a tool call as id and name first, then argument fragments", async () => {
    configure({});
    const response = await POST(
      completion({
        ...ask('offline:tool=current_time offline:args={"timeZone":"Europe/Paris"}'),
        tools: TOOLS,
        tool_choice: "auto",
        stream: true,
      }),
    );
    const events = await readOpenAiEvents(response);
    type ToolDelta = { index: number; id?: string; type?: string; function: { name?: string; arguments?: string } };
    const chunks = events.slice(0, -1) as {
      choices: { delta: { tool_calls?: ToolDelta[] }; finish_reason: string | null }[];
    }[];
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: expect.any(String),
      type: "function",
      function: { name: "current_time" },
    });
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.slice(1).every((delta) => delta.index === 0 && delta.id === undefined)).toBe(true);
    const args = deltas.map((delta) => delta.function.arguments ?? "").join("");
    expect(JSON.parse(args)).toEqual({ timeZone: "Europe/Paris" });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("passes sampling settings, tool_choice and response_format on to Workers AI", async () => {
    configure({});
    const log = recordOfflineCalls();
    try {
      const named = await POST(
        completion({
          // A forced tool must be called (the provider fails the call otherwise), so the stand-in is told to.
          ...ask('marker-tool-choice offline:tool=current_time offline:args={"timeZone":"UTC"}'),
          tools: TOOLS,
          tool_choice: { type: "function", function: { name: "current_time" } },
          temperature: 0.3,
          top_p: 0.9,
          max_tokens: 64,
        }),
      );
      expect(named.status).toBe(200);
      expect(log.mentioning("marker-tool-choice")[0]?.inputs).toMatchObject({
        temperature: 0.3,
        top_p: 0.9,
        max_tokens: 64,
        tool_choice: { type: "function", function: { name: "current_time" } },
        tools: [{ type: "function", function: { name: "current_time" } }],
      });

      const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };
      for (const stream of [false, true]) {
        const json = await POST(
          completion({
            ...ask(`marker-json-${stream} offline:words=3`),
            stream,
            response_format: { type: "json_schema", json_schema: { name: "reply", schema } },
          }),
        );
        // The stand-in writes prose, not JSON: the answer still arrives as text for the caller to parse.
        expect(json.status).toBe(200);
        await json.text();
        expect(log.mentioning(`marker-json-${stream}`)[0]?.inputs.response_format).toMatchObject({
          type: "json_schema",
          json_schema: { properties: { answer: { type: "string" } } },
        });
      }
    } finally {
      log.stop();
    }
  });

  it("refuses a tool_choice naming a tool that wasn't sent", async () => {
    configure({});
    const response = await POST(
      completion({ ...ask("hi"), tools: TOOLS, tool_choice: { type: "function", function: { name: "nope" } } }),
    );
    expect(response.status).toBe(400);
    expect((await errorOf(response)).param).toBe("tool_choice");
  });

  // Found by the fuzzer: "required" with no tools reached the model and came back as a 502.
  it("refuses tool_choice required without tools, and ignores none/auto without tools", async () => {
    configure({});
    const required = await POST(completion({ ...ask("hi"), tool_choice: "required" }));
    expect(required.status).toBe(400);
    expect((await errorOf(required)).param).toBe("tool_choice");
    for (const choice of ["none", "auto"]) {
      const response = await POST(completion({ ...ask("hi"), tools: [], tool_choice: choice }));
      expect(response.status, choice).toBe(200);
      await response.text();
    }
  });

  // Found by the fuzzer: both reached the model and came back as 502s.
  it("refuses tool calls left unanswered, and a forced tool call in JSON mode", async () => {
    configure({});
    const call = { id: "call_1", type: "function", function: { name: "current_time", arguments: "{}" } };
    for (const messages of [
      [
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "user", content: "and now?" },
      ],
      [
        { role: "user", content: "time?" },
        { role: "assistant", content: null, tool_calls: [call] },
      ],
    ]) {
      const response = await POST(completion({ model: DEFAULT_MODEL_ID, messages, tools: TOOLS }));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toContain("call_1");
    }
    const json = await POST(
      completion({ ...ask("hi"), tools: TOOLS, tool_choice: "required", response_format: { type: "json_object" } }),
    );
    expect(json.status).toBe(400);
    expect((await errorOf(json)).param).toBe("tool_choice");
  });

  it("answers a busy model with 429 and Retry-After before any output", async () => {
    configure({});
    const response = await POST(completion(ask("offline:fail=3040", { stream: true })));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await errorOf(response)).toMatchObject({ type: "rate_limit_error", code: "upstream_busy" });
  });

  it("answers a used-up quota with 429 quota_exhausted", async () => {
    configure({});
    const response = await POST(completion(ask("offline:fail=3036")));
    expect(response.status).toBe(429);
    expect((await errorOf(response)).code).toBe("quota_exhausted");
  });

  it("ends a stream that breaks off with an error event and no [DONE]", async () => {
    configure({});
    const events = await readOpenAiEvents(
      await POST(completion(ask("offline:fail=midstream offline:words=20", { stream: true }))),
    );
    expect(events).not.toContain("[DONE]");
    expect(events.at(-1)).toMatchObject({
      error: { type: "server_error", message: expect.stringMatching(/stopped mid-reply/) },
    });
  });

  it("answers a non-streamed request that breaks off with 502", async () => {
    configure({});
    const response = await POST(completion(ask("offline:fail=midstream offline:words=20")));
    expect(response.status).toBe(502);
  });
});

describe("/v1 CORS", () => {
  const preflight = (origin: string, path = "chat/completions") =>
    new Request(`http://localhost/v1/${path}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-stainless-os",
      },
    });

  it("answers a preflight from an allowed origin with the methods and headers", async () => {
    configure({ OPENAI_CORS_ORIGINS: "https://app.example, https://other.example" });
    const response = OPTIONS(preflight("https://app.example"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")).toContain("x-stainless-os");
    expect(modelsOptions(preflight("https://other.example", "models")).headers.get("access-control-allow-origin")).toBe(
      "https://other.example",
    );

    const post = await POST(
      completion(ask("hi offline:words=2"), { authorization: `Bearer ${KEY}`, origin: "https://app.example" }),
    );
    expect(post.headers.get("access-control-allow-origin")).toBe("https://app.example");
  });

  it("gives other origins no CORS headers, and '*' allows any", async () => {
    configure({ OPENAI_CORS_ORIGINS: "https://app.example" });
    const refused = OPTIONS(preflight("https://evil.example"));
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused.headers.get("access-control-allow-methods")).toBeNull();
    const post = await POST(
      completion(ask("hi offline:words=2"), { authorization: `Bearer ${KEY}`, origin: "https://evil.example" }),
    );
    expect(post.headers.get("access-control-allow-origin")).toBeNull();

    configure({ OPENAI_CORS_ORIGINS: "*" });
    expect(OPTIONS(preflight("https://anyone.example")).headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("/v1 rate limit", () => {
  it("limits each key per minute with 429 and Retry-After, other keys unaffected", async () => {
    configure({ OPENAI_API_KEYS: `limited:sk-limited,spare:sk-spare`, OPENAI_RATE_LIMIT_PER_MINUTE: "2" });
    const as = (key: string) => POST(completion(ask("hi offline:words=2"), { authorization: `Bearer ${key}` }));
    expect((await as("sk-limited")).status).toBe(200);
    expect((await as("sk-limited")).status).toBe(200);
    const limited = await as("sk-limited");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await errorOf(limited)).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect((await as("sk-spare")).status).toBe(200);
  });
});
