import { expect, type Page, test } from "@playwright/test";
import { chat, OFFLINE_FOOTER, waitForFinishedReply } from "./support/chat-page";

/**
 * The live chat (useChat and the `ai` SDK, components/chat/chat-engine.tsx) loads after the page:
 * at once when the person starts on a message, or while idle in a chat that has messages. These tests hold its script back
 * (or make it fail) so that what a person does before it arrives is exercised for certain, not
 * by luck of timing: nothing they typed, attached or clicked may be lost.
 */

/** A string only the engine's code has (the SDK's regenerate trigger, also read by our transport). */
const ENGINE_MARKER = "regenerate-message";

interface EngineGate {
  /** How many of the engine's scripts have been asked for and are being held. */
  held(): number;
  release(): void;
}

/** Holds the engine's script(s) until `release()`, or answers them with a network error when `fail`. */
async function gateEngine(page: Page, { fail = false } = {}): Promise<EngineGate> {
  let held = 0;
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/_next/static/**/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!body.includes(ENGINE_MARKER)) return route.fulfill({ response, body });
    if (fail) return route.abort("internetdisconnected");
    held += 1;
    await released;
    return route.fulfill({ response, body });
  });
  return { held: () => held, release };
}

async function waitForHydration(page: Page) {
  await page.locator("form[data-ready]").waitFor();
}

test("a new chat fetches the chat engine when the person starts on a message, not before", async ({ page }) => {
  const gate = await gateEngine(page);
  await page.goto("/");
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  expect(gate.held(), "nothing has asked for the engine yet").toBe(0);

  await chat(page).composer.pressSequentially("Hel");
  await expect.poll(() => gate.held()).toBeGreaterThan(0);
  gate.release();
  await expect(chat(page).composer).toHaveValue("Hel");
});

test("a message typed and sent right after the page loads is sent once the chat has loaded", async ({ page }) => {
  const gate = await gateEngine(page);
  await page.goto("/");
  await waitForHydration(page);
  const { composer, userMessages, replies, stop } = chat(page);
  const text = "Sent before the chat had loaded offline:words=40";
  await composer.fill(text);
  await composer.press("Enter");

  // The engine is being fetched; meanwhile the message waits in the composer, shown as busy.
  await expect.poll(gate.held).toBeGreaterThan(0);
  await expect(stop).toBeVisible();
  await expect(composer).toHaveValue(text);
  await expect(userMessages).toHaveCount(0);

  gate.release();
  await expect(userMessages).toHaveCount(1);
  await expect(userMessages.first()).toContainText("Sent before the chat had loaded");
  await expect(composer).toHaveValue("");
  await waitForFinishedReply(page, replies.first());
  await expect(replies.first()).toContainText("You said: “Sent before the chat had loaded");
  await expect(replies).toHaveCount(1);
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9]{16}$/);
});

test("Stop before the chat has loaded keeps the message in the composer and sends nothing", async ({ page }) => {
  const gate = await gateEngine(page);
  await page.goto("/");
  await waitForHydration(page);
  const { composer, send, stop, userMessages, replies } = chat(page);
  const text = "Changed my mind offline:words=5";
  await composer.fill(text);
  await composer.press("Enter");
  await expect(stop).toBeVisible();

  await stop.click();
  await expect(send).toBeEnabled();
  await expect(composer).toHaveValue(text);

  gate.release();
  // The chat is ready now; still nothing went out until Send is pressed again.
  await expect(userMessages).toHaveCount(0);
  await send.click();
  await expect(userMessages).toHaveCount(1);
  await waitForFinishedReply(page, replies.first());
  await expect(composer).toHaveValue("");
});

test("when the chat's code can't be fetched, the message stays in the composer and can be sent later", async ({
  page,
}) => {
  await gateEngine(page, { fail: true });
  await page.goto("/");
  await waitForHydration(page);
  const { composer, send, userMessages, replies } = chat(page);
  const text = "Sent while the network was down offline:words=6";
  await composer.fill(text);
  await composer.press("Enter");

  await expect(page.getByRole("alert").filter({ hasText: "Couldn't load the chat" })).toBeVisible();
  await expect(composer).toHaveValue(text);
  await expect(send).toBeEnabled();
  await expect(userMessages).toHaveCount(0);

  // Back online: the same message goes on the next try.
  await page.unrouteAll({ behavior: "wait" });
  await send.click();
  await expect(userMessages).toHaveCount(1);
  await expect(userMessages.first()).toContainText("Sent while the network was down");
  await waitForFinishedReply(page, replies.first());
  await expect(composer).toHaveValue("");
});

test("a tool call approved before the chat has loaded runs once it has", async ({ page, context }) => {
  // A chat left waiting for approval, opened again in a fresh tab.
  await page.goto("/");
  await waitForHydration(page);
  const prompt = "a quiet harbour";
  await chat(page).composer.fill(
    `Please draw offline:tool=generate_image offline:args=${JSON.stringify({ prompt })} offline:delay=5`,
  );
  await chat(page).composer.press("Enter");
  const waitingState = chat(page).replies.first().getByTestId("tool-state");
  await expect(waitingState).toHaveText("Waiting for approval");
  await expect(page).toHaveURL(/\/chat\//);
  const url = page.url();

  const later = await context.newPage();
  const gate = await gateEngine(later);
  await later.goto(url);
  await waitForHydration(later);
  const reply = chat(later).replies.first();
  const state = reply.getByTestId("tool-state");
  await expect(state).toHaveText("Waiting for approval");
  await reply.getByRole("button", { name: "Approve" }).click();
  await expect.poll(gate.held).toBeGreaterThan(0);
  await expect(state).toHaveText("Waiting for approval");

  gate.release();
  await expect(state).toHaveText("Done");
  await expect(reply.getByRole("img", { name: `Generated image: ${prompt}` })).toBeVisible();
  await expect(reply).toContainText(OFFLINE_FOOTER, { timeout: 30_000 });
});

/** A chat with one finished turn, opened again in a fresh tab whose engine is held back. */
async function reopenWithEngineHeld(page: Page, text: string) {
  await page.goto("/");
  await waitForHydration(page);
  await chat(page).composer.fill(text);
  await chat(page).composer.press("Enter");
  await waitForFinishedReply(page, chat(page).replies.first());
  const later = await page.context().newPage();
  const gate = await gateEngine(later);
  await later.goto(page.url());
  await waitForHydration(later);
  return { later, gate };
}

test("Regenerate before the chat has loaded makes a second version once it has", async ({ page }) => {
  const { later, gate } = await reopenWithEngineHeld(page, "Tell me a fact offline:words=5");
  const reply = chat(later).replies.first();
  await reply.getByRole("button", { name: "Regenerate" }).click();
  await expect.poll(gate.held).toBeGreaterThan(0);

  gate.release();
  await waitForFinishedReply(later, reply);
  await expect(reply.getByRole("toolbar").getByLabel("Version 2 of 2")).toBeVisible();
  await expect(chat(later).replies).toHaveCount(1);
});

test("an edit saved before the chat has loaded is sent once it has", async ({ page }) => {
  const { later, gate } = await reopenWithEngineHeld(page, "Original wording offline:words=4");
  const { userMessages, replies } = chat(later);
  await userMessages.first().getByRole("button", { name: "Edit" }).click();
  await later.getByRole("textbox", { name: "Edit message" }).fill("Better wording offline:words=4");
  await later.getByRole("button", { name: "Save and send" }).click();
  await expect.poll(gate.held).toBeGreaterThan(0);

  gate.release();
  await waitForFinishedReply(later, replies.first());
  await expect(userMessages).toHaveCount(1);
  await expect(userMessages.first()).toContainText("Better wording");
  await expect(userMessages.first().getByLabel("Version 2 of 2")).toBeVisible();
});
