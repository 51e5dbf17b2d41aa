// A buyer on a phone finds an event by searching for it, chooses two tickets, signs in when
// asked, holds them, is declined once, pays, and sees two tickets with QR codes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ATTENDEE, base, check, launch, phone, signIn } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test("a buyer finds an event by search, holds two tickets, is declined once, pays and sees two QR codes", async () => {
  const page = await phone(browser);
  await page.goto(`${base}/`);
  await check(page, "buyer-01-home");
  // from the keyboard: the first Tab offers to skip the navigation, and it lands on the content
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), "Skip to content");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.closest("main")?.id), "main");
  const title = (await page.locator(".cards h2 a").first().innerText()).trim();

  await page.getByRole("link", { name: "Search", exact: true }).click();
  await page.getByLabel("What").fill(title);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.waitForURL(/\/search\?/);
  await check(page, "buyer-02-search");
  await page.locator(".cards a", { hasText: title }).first().click();
  await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
  assert.equal((await page.locator("h1").innerText()).trim(), title);
  await check(page, "buyer-03-event");

  await page.locator("select:not([disabled])").first().selectOption("2");
  await page.getByRole("button", { name: "Choose tickets" }).click();
  await page.waitForURL(/\/signin\?/);
  await check(page, "buyer-04-sign-in");
  await signIn(page, ...ATTENDEE);
  await page.waitForURL(/\/checkout\?/);
  assert.match(await page.locator("main").innerText(), /2 × /);
  await check(page, "buyer-05-review");
  await page.getByRole("button", { name: "Hold tickets" }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const order = page.url();
  // the countdown runs (the page's script is allowed by the CSP and works)
  await page.waitForFunction(() => /\d+:\d\d left/.test(document.querySelector("[data-countdown]")?.textContent ?? ""));
  await check(page, "buyer-06-hold");

  await page.getByLabel("Test card that is declined").check();
  await page.getByRole("button", { name: "Pay now" }).click();
  assert.match(await page.getByRole("alert").innerText(), /declined/i);
  await check(page, "buyer-07-declined", { status: 402 });

  await page.goto(order);
  await page.getByLabel("Test card that pays").check();
  await page.getByRole("button", { name: "Pay now" }).click();
  await page.getByRole("heading", { name: "Your tickets" }).waitFor();
  assert.equal(await page.locator("svg.qr").count(), 2);
  await check(page, "buyer-08-tickets");

  await page.goto(`${base}/me/orders`);
  assert.equal(await page.locator(`a[href="${new URL(order).pathname}"]`).count(), 1);
  await check(page, "buyer-09-my-orders");
  await page.goto(`${base}/me`);
  await check(page, "buyer-10-account");
  await page.context().close();
});
