// The two ways a buyer does not get tickets: they are sold out, or the hold expires before it is
// paid. Each ends on a page that says so in words, and changes nothing it should not.
// e2e/run starts Boxoffice with 30-second holds so that a hold can expire within the test.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ATTENDEE, ORGANIZER, apiAs, base, check, launch, newAttendee, phone, signIn } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** A published event of the demo organizer with one ticket type of this quota. */
async function eventWithQuota(title, quota) {
  const organizer = await apiAs(...ORGANIZER);
  const mine = await (await organizer.get("/api/v1/me/events")).json();
  const created = await organizer.post("/api/v1/events", {
    data: {
      title, description: "", venueId: mine.items[0].venue.id, category: "COMEDY",
      startsAt: "2027-10-01T19:00:00Z", endsAt: "2027-10-01T21:00:00Z",
      ticketTypes: [{ name: "Seat", priceCents: 1500, currency: "EUR", quota, maxPerOrder: 4 }],
    },
  });
  assert.equal(created.status(), 201, await created.text());
  const event = await created.json();
  assert.equal((await organizer.post(`/api/v1/events/${event.id}/publish`)).status(), 200);
  await organizer.dispose();
  return { id: event.id, typeId: event.ticketTypes[0].id };
}

test("a sold-out event says so on the open page, and a buyer who tries anyway is told in words", async () => {
  const event = await eventWithQuota(`Last Two Seats ${Date.now()}`, 2);
  const page = await phone(browser);
  await page.goto(`${base}/events/${event.id}`);
  assert.equal(await page.locator("tbody select:not([disabled])").count(), 1);

  // someone else takes both seats while the page is open: its live availability says so
  const rival = await apiAs(...(await newAttendee()));
  const taken = await rival.post("/api/v1/orders",
    { data: { eventId: event.id, items: [{ ticketTypeId: event.typeId, quantity: 2 }] } });
  assert.equal(taken.status(), 201);
  await rival.dispose();
  await page.waitForFunction(() => document.querySelector("[data-left-of]")?.textContent === "Sold out", null,
    { timeout: 45000 });
  assert.equal(await page.locator("tbody select:not([disabled])").count(), 0);
  await check(page, "sold-out-01-event");

  // a buyer who had chosen before (an old tab, a shared link) is told at the hold, in words
  await page.goto(`${base}/checkout?eventId=${event.id}&quantity-${event.typeId}=2`);
  await signIn(page, ...ATTENDEE);
  await page.waitForURL(/\/checkout\?/);
  await page.getByRole("button", { name: "Hold tickets" }).click();
  assert.match(await page.getByRole("alert").innerText(), /Not enough tickets are left/);
  await check(page, "sold-out-02-too-late", { status: 409 });
  await page.context().close();
});

test("a hold that runs out cannot be paid, says so, and its tickets go back on sale", async () => {
  const event = await eventWithQuota(`Short Hold ${Date.now()}`, 1);
  const page = await phone(browser);
  await page.goto(`${base}/signin`);
  await signIn(page, ...ATTENDEE);
  await page.goto(`${base}/events/${event.id}`);
  await page.locator("select:not([disabled])").first().selectOption("1");
  await page.getByRole("button", { name: "Choose tickets" }).click();
  await page.getByRole("button", { name: "Hold tickets" }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const order = page.url();

  // the countdown reaches zero and takes the pay button away
  await page.waitForFunction(
    () => document.querySelector("[data-countdown]")?.textContent === "Your hold has expired.", null,
    { timeout: 60000 });
  assert.equal(await page.getByRole("button", { name: "Pay now" }).isDisabled(), true);
  await check(page, "expired-01-countdown");

  // a pay form sent anyway (another tab, a slow network) is refused in words
  await page.evaluate(() => document.querySelector("[data-pay]").submit());
  await page.waitForLoadState();
  assert.match(await page.getByRole("alert").innerText(), /The hold on these tickets expired/);
  await check(page, "expired-02-refused", { status: 410 });

  await page.goto(order);
  assert.match(await page.getByRole("alert").innerText(), /Your hold expired before it was paid/);
  assert.equal(await page.getByRole("button", { name: "Pay now" }).count(), 0);
  await check(page, "expired-03-order");
  await page.goto(`${base}/events/${event.id}`);
  assert.doesNotMatch(await page.locator("tbody").innerText(), /Sold out/);
  await page.context().close();
});
