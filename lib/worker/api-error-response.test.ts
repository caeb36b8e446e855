import { describe, expect, it } from "vitest";
import { withJsonApiErrors } from "./api-error-response";

describe("withJsonApiErrors", () => {
  it("turns Next's empty 405 on /api into our JSON error, keeping Allow", async () => {
    const request = new Request("http://localhost/api/chat", { method: "PUT" });
    const answer = await withJsonApiErrors(request, new Response(null, { status: 405, headers: { allow: "POST" } }));
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("POST");
    expect(await answer.json()).toEqual({
      error: { code: "method_not_allowed", message: "This endpoint doesn't accept PUT requests." },
    });
  });

  it("answers /v1 in OpenAI's error shape", async () => {
    const request = new Request("http://localhost/v1/nope");
    const html = new Response("<html>404</html>", { status: 404, headers: { "content-type": "text/html" } });
    const answer = await withJsonApiErrors(request, html);
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({
      error: { message: "There is no such API endpoint.", type: "not_found_error", param: null, code: "not_found" },
    });
  });

  it("leaves pages, successes and JSON errors alone", async () => {
    const page = new Response("<html>404</html>", { status: 404, headers: { "content-type": "text/html" } });
    expect(await withJsonApiErrors(new Request("http://localhost/chat/x"), page)).toBe(page);
    const ok = new Response("{}", { status: 200 });
    expect(await withJsonApiErrors(new Request("http://localhost/api/models"), ok)).toBe(ok);
    const json = Response.json({ error: { code: "x", message: "y" } }, { status: 400 });
    expect(await withJsonApiErrors(new Request("http://localhost/api/chat"), json)).toBe(json);
  });
});
