import { expect, type Page, test } from "@playwright/test";
import { chat, sendWithEnter, waitForFinishedReply } from "./support/chat-page";

/** The model picker and per-chat settings, in Chromium against the built Worker (offline mode). */

function picker(page: Page) {
  const dialog = page.getByRole("dialog", { name: "Choose a model" });
  return {
    button: page.getByRole("button", { name: /^Model/ }),
    dialog,
    search: dialog.getByRole("combobox", { name: "Search models" }),
    options: dialog.getByRole("option"),
    favorite: dialog.getByRole("button", { name: "Favorite" }),
  };
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
  // Keys pressed before React hydrates the picker would go nowhere; the composer marks hydration.
  await page.locator("form[data-ready]").waitFor();
});

test("search narrows the list", async ({ page }) => {
  const { button, dialog, search, options } = picker(page);
  await button.click();
  await expect(dialog).toBeVisible();
  const all = await options.count();
  expect(all).toBeGreaterThan(5);

  await search.fill("gpt-oss");
  await expect(options).toHaveCount(2);
  for (const text of await options.allInnerTexts()) expect(text).toContain("gpt-oss");

  await search.fill("qwen 30b");
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText("Qwen3 30B");

  await search.fill("no such model anywhere");
  await expect(options).toHaveCount(0);
  await expect(dialog.getByText(/No model matches/)).toBeVisible();
});

test("a model can be chosen with the keyboard alone", async ({ page }) => {
  const { button, dialog, search } = picker(page);
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(search).toBeFocused();

  await page.keyboard.type("mistral");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  const active = await search.getAttribute("aria-activedescendant");
  await expect(page.locator(`[id="${active}"]`)).toContainText("Mistral Small 3.1");
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(button).toContainText("Mistral Small 3.1 24B");
  await expect(button).toBeFocused();

  // Esc closes without changing anything.
  await page.keyboard.press("Enter");
  await page.keyboard.type("llama");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toContainText("Mistral Small 3.1 24B");
});

test("the chosen model is sent, stored with the chat and restored on reload", async ({ page }) => {
  const { button, search, options } = picker(page);
  await button.click();
  await search.fill("gpt-oss 20b");
  await options.first().click();
  await expect(button).toContainText("gpt-oss 20B");

  const request = page.waitForRequest((candidate) => candidate.url().endsWith("/api/chat"));
  await sendWithEnter(page, "Which model is this? offline:words=5");
  expect((await request).postDataJSON()).toMatchObject({ model: "@cf/openai/gpt-oss-20b" });
  await waitForFinishedReply(page, chat(page).replies.first());

  await page.reload();
  await expect(button).toContainText("gpt-oss 20B");

  // Switching models in an existing chat is saved at once.
  await button.click();
  await search.fill("scout");
  await options.first().click();
  await expect(button).toContainText("Llama 4 Scout");
  await page.reload();
  await expect(button).toContainText("Llama 4 Scout");

  // And the last choice is the default for the next new chat.
  await page.goto("/");
  await expect(button).toContainText("Llama 4 Scout");
});

test("a link can preselect a model, and an unknown one is explained", async ({ page }) => {
  const { button } = picker(page);
  await page.goto("/?model=@cf/qwen/qwen3-30b-a3b-fp8");
  await expect(button).toContainText("Qwen3 30B A3B");

  await page.goto("/?model=@cf/nobody/nothing");
  await expect(page.getByRole("alert").filter({ hasText: "@cf/nobody/nothing" })).toBeVisible();
  await expect(button).not.toContainText("nothing");
});

test("favorites are pinned on top and remembered", async ({ page }) => {
  const { button, dialog, search, options, favorite } = picker(page);
  await button.click();
  await search.fill("glm");
  await expect(options).toHaveCount(1);
  await expect(favorite).toHaveAttribute("aria-pressed", "false");
  await favorite.click();
  await expect(favorite).toHaveAttribute("aria-pressed", "true");

  await search.fill("");
  const favorites = dialog.getByRole("group", { name: "Favorites" });
  await expect(favorites.getByRole("option")).toHaveCount(1);
  await expect(favorites.getByRole("option").first()).toContainText("GLM 4.7 Flash");
  await expect(options.first()).toContainText("GLM 4.7 Flash");

  await page.reload();
  await button.click();
  await expect(dialog.getByRole("group", { name: "Favorites" }).getByRole("option")).toHaveCount(1);
});

test("chat settings are validated, sent and kept with the chat", async ({ page }) => {
  await sendWithEnter(page, "Settings test offline:words=5");
  await waitForFinishedReply(page, chat(page).replies.first());

  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Chat settings" });
  const temperature = dialog.getByRole("spinbutton", { name: "Temperature" });
  await temperature.fill("5");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(temperature).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toBeVisible();

  await temperature.fill("0.3");
  await dialog.getByRole("textbox", { name: "System prompt" }).fill("Answer like a pirate.");
  await dialog.getByRole("spinbutton", { name: "Max output tokens" }).fill("512");
  // Reasoning effort is only offered for models that take it.
  await expect(dialog.getByRole("combobox", { name: "Reasoning effort" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const request = page.waitForRequest((candidate) => candidate.url().endsWith("/api/chat"));
  await sendWithEnter(page, "And now? offline:words=5");
  expect((await request).postDataJSON()).toMatchObject({
    settings: { systemPrompt: "Answer like a pirate.", temperature: 0.3, maxOutputTokens: 512 },
  });

  await page.reload();
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  await expect(dialog.getByRole("textbox", { name: "System prompt" })).toHaveValue("Answer like a pirate.");
  await expect(temperature).toHaveValue("0.3");
});

test("reasoning effort is offered for gpt-oss", async ({ page }) => {
  const { button, search, options } = picker(page);
  await button.click();
  await search.fill("gpt-oss 120b");
  await options.first().click();
  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Chat settings" });
  await dialog.getByRole("combobox", { name: "Reasoning effort" }).selectOption("high");
  await dialog.getByRole("button", { name: "Save" }).click();

  const request = page.waitForRequest((candidate) => candidate.url().endsWith("/api/chat"));
  await sendWithEnter(page, "Think hard offline:words=5");
  expect((await request).postDataJSON()).toMatchObject({ settings: { reasoningEffort: "high" } });
});
