import { expect, type Locator, type Page, test } from "@playwright/test";
import { chat, sendWithEnter, waitForFinishedReply } from "./support/chat-page";

/**
 * Tool calls in the browser: approval before image generation, the image
 * stored and shown, denial, failures with their reason, and the calculator.
 * Offline directives make the stand-in call each tool.
 */

const drawCall = (prompt: string) =>
  `Please draw offline:tool=generate_image offline:args=${JSON.stringify({ prompt })} offline:delay=5`;

function toolCard(reply: Locator, label: string): Locator {
  return reply
    .getByRole("group")
    .filter({ has: reply.page().getByText(label, { exact: true }) })
    .first();
}

async function expectImageLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
}

test.beforeEach(async ({ page }) => {
  await page.goto("/");
});

async function waitForApproval(page: Page, prompt: string) {
  await sendWithEnter(page, drawCall(prompt));
  const reply = chat(page).replies.first();
  const card = toolCard(reply, "Image generation");
  await expect(card.getByTestId("tool-state")).toHaveText("Waiting for approval");
  return { reply, card };
}

test("image generation waits for approval, then the image is stored and shown", async ({ page }) => {
  const { reply, card } = await waitForApproval(page, "a red lighthouse at dusk");
  await expect(card).toContainText('"prompt": "a red lighthouse at dusk"');
  await expect(card.getByRole("img")).toHaveCount(0);

  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByTestId("tool-state")).toHaveText("Done");
  const image = card.getByRole("img", { name: "Generated image: a red lighthouse at dusk" });
  await expectImageLoaded(image);
  await expect(card).toContainText("Offline placeholder image");
  await waitForFinishedReply(page, reply);
  await expect(reply).toContainText("The generate_image tool returned");

  // Served by the app with its own cache headers, and still there after a reload.
  const src = await image.getAttribute("src");
  expect(src).toMatch(/^\/api\/files\/images\//);
  const file = await page.request.get(src ?? "");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toMatch(/^image\//);
  expect(file.headers()["cache-control"]).toContain("private");

  await page.reload();
  await expectImageLoaded(
    chat(page).replies.first().getByRole("img", { name: "Generated image: a red lighthouse at dusk" }),
  );
});

test("a denied call does not run", async ({ page }) => {
  const { reply, card } = await waitForApproval(page, "a forbidden picture");
  await card.getByRole("button", { name: "Deny" }).click();
  await expect(card.getByTestId("tool-state")).toHaveText("Denied");
  await expect(card).toContainText("You denied this call");
  await waitForFinishedReply(page, reply);
  await expect(card.getByRole("img")).toHaveCount(0);
});

test("'always allow' lets the next call in the chat run without asking", async ({ page }) => {
  const { card } = await waitForApproval(page, "first picture");
  await card.getByRole("checkbox", { name: /Always allow image generation/ }).check();
  await card.getByRole("button", { name: "Approve" }).click();
  await expect(card.getByTestId("tool-state")).toHaveText("Done");
  await waitForFinishedReply(page, chat(page).replies.first());

  await sendWithEnter(page, drawCall("second picture"));
  const second = toolCard(chat(page).replies.nth(1), "Image generation");
  await expect(second.getByTestId("tool-state")).toHaveText("Done");
  await expect(second.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expectImageLoaded(second.getByRole("img", { name: "Generated image: second picture" }));
});

test("a failing tool is shown as failed, with its reason", async ({ page }) => {
  await sendWithEnter(page, 'offline:tool=current_time offline:args={"timeZone":"Mars/Olympus_Mons"}');
  const reply = chat(page).replies.first();
  const card = toolCard(reply, "Current time");
  await expect(card.getByTestId("tool-state")).toHaveText("Failed");
  await expect(card).toContainText('Unknown time zone "Mars/Olympus_Mons"');
  await waitForFinishedReply(page, reply);
});

test("the calculator answers with a number", async ({ page }) => {
  await sendWithEnter(page, 'offline:tool=calculator offline:args={"expression":"12% of 340"}');
  const reply = chat(page).replies.first();
  const card = toolCard(reply, "Calculator");
  await expect(card.getByTestId("tool-state")).toHaveText("Done");
  await card.locator("summary").click();
  await expect(card.getByRole("region", { name: "Result" })).toContainText("40.8");
  await waitForFinishedReply(page, reply);
});
