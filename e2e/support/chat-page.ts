import { expect, type Locator, type Page } from "@playwright/test";

/** What the assistant message footer says in offline mode. */
export const OFFLINE_FOOTER = "Offline mode (no model)";
/** How every plain offline reply begins. */
export const OFFLINE_REPLY_START = "Offline mode — this reply comes from the built-in offline stand-in, not a model.";

export function chat(page: Page) {
  const log = page.getByRole("log", { name: "Messages" });
  return {
    composer: page.getByRole("textbox", { name: "Message" }),
    send: page.getByRole("button", { name: "Send" }),
    stop: page.getByRole("button", { name: "Stop" }),
    log,
    userMessages: log.getByRole("article", { name: "Your message" }),
    replies: log.getByRole("article", { name: "Assistant message" }),
  };
}

/** Types a message and sends it with Enter. */
export async function sendWithEnter(page: Page, text: string) {
  const { composer } = chat(page);
  // Until React has hydrated the composer, Enter would only insert a newline.
  await page.locator("form[data-ready]").waitFor();
  await composer.fill(text);
  await composer.press("Enter");
}

/** The reply's own text: its rendered text without the footer, which only appears once it is finished. */
export async function replyBody(reply: Locator): Promise<string> {
  const text = await reply.innerText();
  const footer = text.lastIndexOf(OFFLINE_FOOTER);
  return (footer === -1 ? text : text.slice(0, footer)).trim();
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

/** Waits until a reply is complete: the footer is shown and the composer offers "Send" again. */
export async function waitForFinishedReply(page: Page, reply: Locator) {
  await expect(reply).toContainText(OFFLINE_FOOTER, { timeout: 30_000 });
  await expect(chat(page).send).toBeVisible();
}
