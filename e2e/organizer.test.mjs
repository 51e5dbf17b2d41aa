// An organizer on a phone creates an event with a ticket type, publishes it, watches a sale arrive
// on the dashboard, and checks the ticket in at the door, once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { ATTENDEE, ORGANIZER, apiAs, base, check, launch, phone, signIn, watch } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => browser?.close());

test("an organizer creates and publishes an event, sees the sale on the dashboard and checks the ticket in", async () => {
  const page = await phone(browser);
  await page.goto(`${base}/organizer`);
  await page.waitForURL(/\/signin\?/);
  await signIn(page, ...ORGANIZER);
  await page.waitForURL(/\/organizer$/);
  await check(page, "organizer-01-overview");

  const title = `Harbour Lights ${Date.now()}`;
  await page.getByRole("link", { name: "New event" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("An evening by the water.");
  await page.getByLabel("Venue").selectOption({ index: 1 });
  await page.getByLabel("Category").selectOption("MUSIC");
  // times on the form are local at the venue
  await page.getByLabel("Starts (local time)").fill("2027-09-10T19:30");
  await page.getByLabel("Ends (local time)").fill("2027-09-10T22:30");
  await page.getByLabel("Name of type 1").fill("Standard");
  await page.locator("#type-price-0").fill("ten");
  await page.locator("#type-quota-0").fill("50");
  await page.getByRole("button", { name: "Create draft" }).click();
  // a mistake: the form comes back as typed, with the mistake listed
  assert.match(await page.locator(".error-summary").innerText(), /enter a price such as 25\.00/);
  assert.equal(await page.getByLabel("Title").inputValue(), title);
  await check(page, "organizer-02-form-mistake", { status: 422 });
  await page.locator("#type-price-0").fill("30.00");
  await page.getByRole("button", { name: "Create draft" }).click();
  await page.waitForURL(/\/organizer\/events\/[0-9a-f-]{36}\?saved$/);
  const eventId = page.url().match(/events\/([0-9a-f-]{36})/)[1];
  await check(page, "organizer-03-draft");

  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL(/\?published$/);
  assert.match(await page.locator("main").innerText(), /Published: the event is listed and on sale/);
  await check(page, "organizer-04-published");

  // a buyer pays for one ticket (through the API: the buyer's pages are the other test's)
  const buyer = await apiAs(...ATTENDEE);
  const event = await (await buyer.get(`/api/v1/events/${eventId}`)).json();
  assert.equal(event.title, title);
  // the API's instant is UTC; read in the venue's zone it is the 19:30 typed on the form
  const local = new Intl.DateTimeFormat("en-GB",
    { timeZone: event.venue.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  assert.equal(local.format(new Date(event.startsAt)), "19:30");
  assert.ok(event.startsAt.endsWith("Z"));
  const placed = await buyer.post("/api/v1/orders",
    { data: { eventId, items: [{ ticketTypeId: event.ticketTypes[0].id, quantity: 1 }] } });
  assert.equal(placed.status(), 201);
  const paid = await (await buyer.post(`/api/v1/orders/${(await placed.json()).id}/pay`,
    { data: { paymentMethod: "test_ok" } })).json();
  const code = paid.tickets[0].code;
  await buyer.dispose();

  // the dashboard stays open in a second tab while the door works in the first
  const dashboard = watch(await page.context().newPage());
  await dashboard.goto(`${base}/organizer/events/${eventId}/sales`);
  assert.equal(await dashboard.locator('[data-figure="sold"]').innerText(), "1");
  assert.equal(await dashboard.locator('[data-figure="revenue"]').innerText(), "EUR 30.00");
  assert.equal(await dashboard.locator('[data-figure="checked-in"]').innerText(), "0");
  assert.equal(await dashboard.locator("svg.bars rect").count(), 14);
  assert.equal(await dashboard.locator("svg.bars rect").last().getAttribute("height"), "90.0");
  await check(dashboard, "organizer-05-dashboard");

  await page.goto(`${base}/organizer/checkin`);
  await check(page, "organizer-06-door");
  await page.getByLabel("Ticket code").fill(code);
  await page.getByRole("button", { name: "Check in" }).click();
  assert.match(await page.getByRole("status").first().innerText(), /Admitted\./);
  await check(page, "organizer-07-admitted");
  await page.getByLabel("Ticket code").fill(code);
  await page.getByRole("button", { name: "Check in" }).click();
  assert.match(await page.getByRole("alert").innerText(), /Not admitted\. This ticket was already checked in/);
  await check(page, "organizer-08-already-in", { status: 409 });

  // the open dashboard refreshes itself: the check-in appears there without a reload
  await dashboard.waitForFunction(
    () => document.querySelector('[data-figure="checked-in"]')?.textContent === "1", null, { timeout: 30000 });
  assert.deepEqual(dashboard.problems, []);
  await page.context().close();
});
