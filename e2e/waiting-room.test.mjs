// The waiting room: a buyer waits on the waiting page (it refreshes itself, no script needed), is
// let in, holds the last tickets; the buyer behind them is told the event sold out and the queue
// closed. The room lets one buyer in every 30 s, so the first is in alone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ATTENDEE, ORGANIZER, apiAs, base, check, launch, newAttendee, phone, signIn } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

/** A published event of the demo organizer, two seats, on sale now behind a waiting room. */
async function eventBehindWaitingRoom(title) {
  const organizer = await apiAs(...ORGANIZER);
  const mine = await (await organizer.get("/api/v1/me/events")).json();
  const created = await organizer.post("/api/v1/events", {
    data: {
      title, description: "", venueId: mine.items[0].venue.id, category: "MUSIC",
      startsAt: "2027-11-01T19:00:00Z", endsAt: "2027-11-01T21:00:00Z",
      ticketTypes: [{ name: "Seat", priceCents: 4000, currency: "EUR", quota: 2, maxPerOrder: 2 }],
    },
  });
  assert.equal(created.status(), 201, await created.text());
  const event = await created.json();
  assert.equal((await organizer.post(`/api/v1/events/${event.id}/publish`)).status(), 200);
  const onSale = await organizer.patch(`/api/v1/events/${event.id}`, {
    data: { onSale: { at: new Date().toISOString(), waitingRoom: true, admissionsPerMinute: 2, checkoutMinutes: 10 } },
  });
  assert.equal(onSale.status(), 200, await onSale.text());
  await organizer.dispose();
  return { id: event.id, typeId: event.ticketTypes[0].id };
}

test("a buyer waits, is let in and buys the last seats; the buyer behind is told they sold out", async () => {
  const event = await eventBehindWaitingRoom(`Queue Night ${Date.now()}`);
  const first = await phone(browser);
  await first.goto(`${base}/events/${event.id}/queue`);
  await signIn(first, ...ATTENDEE);
  await first.waitForURL(/\/queue$/);
  assert.match(await first.locator("#waiting").innerText(), /You are in the queue/);
  assert.equal(await first.locator("#position").innerText(), "1");
  await check(first, "queue-01-waiting");

  // with JavaScript off, as a browser without scripts: the page still refreshes itself
  const second = await phone(browser, { javaScriptEnabled: false });
  await second.goto(`${base}/signin`);
  await signIn(second, ...(await newAttendee()));
  await second.goto(`${base}/events/${event.id}/queue`);
  assert.equal(await second.locator("#position").innerText(), "2");

  // the first buyer's page refreshes by itself until it is their turn
  await first.locator("#admitted").waitFor({ timeout: 60000 });
  await check(first, "queue-02-admitted");
  await first.getByRole("link", { name: "Choose tickets" }).click();
  await first.locator("select:not([disabled])").first().selectOption("2");
  await first.getByRole("button", { name: "Choose tickets" }).click();
  await first.getByRole("button", { name: "Hold tickets" }).click();
  await first.waitForURL(/\/orders\/[0-9a-f-]{36}$/);

  // the second, still waiting, is told at their page's next refresh that the queue closed
  await second.locator("#sold-out").waitFor({ timeout: 60000 });
  assert.match(await second.locator("#sold-out").innerText(), /Sold out/);
  // (the accessibility check runs a script: on the first buyer's page, which says the same now)
  await first.goto(`${base}/events/${event.id}/queue`);
  assert.match(await first.locator("#sold-out").innerText(), /The queue is closed/);
  await check(first, "queue-03-sold-out");
  await first.context().close();
  await second.context().close();
});

test("an event behind a waiting room sends a buyer without an admission to the queue first", async () => {
  const event = await eventBehindWaitingRoom(`Queue First ${Date.now()}`);
  const page = await phone(browser);
  await page.goto(`${base}/checkout?eventId=${event.id}&quantity-${event.typeId}=1`);
  await signIn(page, ...ATTENDEE);
  await page.waitForURL(/\/queue$/);
  assert.match(await page.locator("#waiting").innerText(), /You are in the queue/);
  await page.context().close();
});
