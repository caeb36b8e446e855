import { expect } from "vitest";

/** How a route answers errors: ours (`{ error: { code, message } }`) or OpenAI's (/v1). */
export type ErrorShape = "app" | "openai";

/**
 * The fuzz properties for one response: never a 5xx, and every error is JSON
 * with a message in the route's error shape. Reads the body to its end (a
 * stream included) and returns it as text.
 */
export async function expectWellFormedResponse(response: Response, shape: ErrorShape = "app"): Promise<string> {
  expect(response.status, "no 5xx").toBeLessThan(500);
  const text = await response.text();
  if (response.status >= 400) {
    expect(response.headers.get("content-type"), `a ${response.status} is JSON`).toContain("application/json");
    const body = JSON.parse(text) as { error?: Record<string, unknown> };
    expect(typeof body.error?.message, "the error has a message").toBe("string");
    expect((body.error?.message as string).length).toBeGreaterThan(0);
    if (shape === "app") {
      expect(typeof body.error?.code).toBe("string");
    } else {
      // OpenAI's shape: message, type, param and code, the last two possibly null.
      expect(typeof body.error?.type).toBe("string");
      expect(body.error).toHaveProperty("param");
      expect(body.error).toHaveProperty("code");
    }
  }
  return text;
}

/** Fuzzed bodies must never reach Object.prototype. */
export function expectPrototypeUntouched(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}
