import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { chat, sendWithEnter, waitForFinishedReply } from "./support/chat-page";

/**
 * The Worker's request-wide defences in Chromium: a nonce-based Content
 * Security Policy that the app runs under without a single violation (chat,
 * share page, cached share page, 304 revalidation), cross-site POSTs refused,
 * per-identity rate limiting with a friendly message that keeps what was
 * typed, request ids, and no secret in any script the browser loads.
 */

/** Every CSP violation the page reports (Chromium logs each one as a console error). */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

function chatIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split("/").at(-1);
  if (!id) throw new Error(`no chat id in ${page.url()}`);
  return id;
}

test("the chat and share pages run under a nonce CSP without a single violation", async ({ page, browser }) => {
  const violations = cspViolations(page);
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  // Next wrote this response's nonce on its scripts.
  expect(await response?.text()).toContain(`nonce="${nonce}"`);

  await sendWithEnter(page, "Hello offline:words=8");
  await waitForFinishedReply(page, chat(page).replies.first());

  const shared = await page.request.post(`/api/chats/${chatIdOf(page)}/share`, { data: {} });
  expect(shared.status()).toBe(200);
  const { share } = (await shared.json()) as { share: { path: string } };

  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  const visitorViolations = cspViolations(visitor);
  // Rendered, then revalidated (a 304 must not bring a policy that no longer fits the cached page).
  await visitor.goto(share.path);
  await visitor.reload();
  await expect(visitor.getByRole("button", { name: "Continue this conversation" })).toBeEnabled();
  // From the edge cache: each copy gets a nonce of its own, written on its scripts too.
  const nonces = new Set<string>();
  for (let copy = 0; copy < 2; copy++) {
    const cached = await visitor.request.get(share.path);
    const cachedNonce = /'nonce-([^']+)'/.exec(cached.headers()["content-security-policy"] ?? "")?.[1] ?? "";
    expect(await cached.text()).toContain(`nonce="${cachedNonce}"`);
    nonces.add(cachedNonce);
  }
  expect(nonces.size).toBe(2);
  await stranger.close();

  expect(violations).toEqual([]);
  expect(visitorViolations).toEqual([]);
});

test("a state-changing request from another site is refused", async ({ request }) => {
  const body = { id: "csrf-chat", message: { id: "csrf-msg", role: "user", parts: [{ type: "text", text: "hi" }] } };
  const crossSite = await request.post("/api/chat", { data: body, headers: { origin: "https://evil.example" } });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.json()).toMatchObject({ error: { code: "cross_site_request" } });

  const fetchMetadata = await request.delete("/api/chats/csrf-chat", { headers: { "sec-fetch-site": "cross-site" } });
  expect(fetchMetadata.status()).toBe(403);
});

test("methods and paths the API doesn't have still answer with JSON errors", async ({ request }) => {
  const wrongMethod = await request.put("/api/chat", { data: {} });
  expect(wrongMethod.status()).toBe(405);
  expect(await wrongMethod.json()).toMatchObject({ error: { code: "method_not_allowed" } });

  const noRoute = await request.get("/api/no-such-endpoint");
  expect(noRoute.status()).toBe(404);
  expect(await noRoute.json()).toMatchObject({ error: { code: "not_found" } });

  const openAi = await request.put("/v1/chat/completions", { headers: { authorization: "Bearer sk-test-123" } });
  expect(openAi.status()).toBe(405);
  expect(await openAi.json()).toMatchObject({ error: { type: "invalid_request_error", code: "method_not_allowed" } });
});

test("every answer carries a request id", async ({ request }) => {
  const first = await request.get("/api/models");
  const second = await request.get("/api/models");
  expect(first.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(second.headers()["x-request-id"]).not.toBe(first.headers()["x-request-id"]);
});

test("too many messages a minute: a friendly 429 and the typed text stays in the composer", async ({ page }) => {
  await page.goto("/");
  await page.locator("form[data-ready]").waitFor();
  // Use up this browser's 20 turns a minute the quick way, through the API with its cookie. Windows are
  // aligned to the clock, so a run that straddles a minute needs up to 40.
  let allowed = 0;
  for (; allowed <= 40; allowed++) {
    const response = await page.request.post("/api/chat", {
      data: {
        id: `limit-${Date.now()}-${allowed}`,
        message: { id: `limit-msg-${allowed}`, role: "user", parts: [{ type: "text", text: "offline:words=1" }] },
      },
    });
    if (response.status() === 429) break;
    expect(response.status()).toBe(200);
    await response.body();
  }
  expect(allowed).toBeGreaterThanOrEqual(20);
  expect(allowed).toBeLessThanOrEqual(40);

  const text = "A carefully written question that must not be lost";
  await sendWithEnter(page, text);
  const alert = page.getByRole("alert").filter({ hasText: "faster than the models can answer" });
  await expect(alert).toContainText("try again in 60 seconds");
  await expect(chat(page).composer).toHaveValue(text);
  await expect(chat(page).userMessages).toHaveCount(0);
  await alert.getByRole("button", { name: "Dismiss" }).click();
  await expect(alert).toBeHidden();
  await expect(chat(page).composer).toHaveValue(text);
});

test("no secret reaches a script the browser loads", async ({ page }) => {
  const secrets = [
    "sk-test-123", // The e2e server's OpenAI-compatible API key (playwright.config.ts).
    /^SESSION_SECRET=(.+)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1] ?? "",
  ];
  expect(secrets[1]?.length).toBeGreaterThanOrEqual(32);
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text());
  });
  const html = await (await page.goto("/"))?.text();
  await sendWithEnter(page, "offline:words=3");
  await waitForFinishedReply(page, chat(page).replies.first());
  const bodies = [html ?? "", ...(await Promise.all(scripts))];
  expect(bodies.length).toBeGreaterThan(3);
  for (const body of bodies) {
    for (const secret of secrets) expect(body).not.toContain(secret);
  }
});
