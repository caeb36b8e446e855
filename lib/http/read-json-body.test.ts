import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "./http-error";
import { readJsonBody } from "./read-json-body";

const schema = z.object({ name: z.string() });

/** A streamed body of `chunks`, with whatever headers the test claims. */
function streamedRequest(chunks: string[], headers: Record<string, string>): Request {
  const encoder = new TextEncoder();
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[pulled];
      pulled += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Request("http://localhost/x", { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
}

describe("readJsonBody", () => {
  it("parses a JSON body with parameters on its content type", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "Application/JSON; charset=utf-8" },
      body: JSON.stringify({ name: "ok" }),
    });
    await expect(readJsonBody(request, schema)).resolves.toEqual({ name: "ok" });
  });

  it("answers 415 for other media types, even ones that merely mention JSON", async () => {
    for (const contentType of ["text/plain", "text/plain; note=application/json", "multipart/form-data", ""]) {
      const request = new Request("http://localhost/x", {
        method: "POST",
        headers: contentType ? { "content-type": contentType } : {},
        body: "{}",
      });
      expect(await statusOf(readJsonBody(request, schema))).toBe(415);
    }
  });

  it("answers 413 for a too-large declared length without reading the body", async () => {
    const request = streamedRequest(['{"name":"x"}'], {
      "content-type": "application/json",
      "content-length": String(10 * 1024 * 1024),
    });
    expect(await statusOf(readJsonBody(request, schema, 1024))).toBe(413);
  });

  it("answers 413 when the body is larger than its (absent or lying) Content-Length", async () => {
    const big = ['{"name":"', "x".repeat(800), "x".repeat(800), '"}'];
    const absent = streamedRequest(big, { "content-type": "application/json" });
    expect(await statusOf(readJsonBody(absent, schema, 1024))).toBe(413);
    const lying = streamedRequest(big, { "content-type": "application/json", "content-length": "10" });
    expect(await statusOf(readJsonBody(lying, schema, 1024))).toBe(413);
  });

  it("counts bytes, not characters: multi-byte text can't slip past the cap", async () => {
    const request = streamedRequest([JSON.stringify({ name: "é".repeat(600) })], {
      "content-type": "application/json",
    });
    expect(await statusOf(readJsonBody(request, schema, 1024))).toBe(413);
  });

  it("decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: "héllo ✓" }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    await expect(readJsonBody(request, schema)).resolves.toEqual({ name: "héllo ✓" });
  });

  it("answers 400 for an empty, malformed or broken body", async () => {
    const empty = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(await statusOf(readJsonBody(empty, schema))).toBe(400);
    const malformed = streamedRequest(["{nope"], { "content-type": "application/json" });
    expect(await statusOf(readJsonBody(malformed, schema))).toBe(400);
    const broken = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        pull(controller) {
          controller.error(new Error("connection reset"));
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(await statusOf(readJsonBody(broken, schema))).toBe(400);
  });
});
