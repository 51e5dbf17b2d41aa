// Shared by the end-to-end tests: Debian's headless Chromium, a phone-sized page that records
// console errors, a check of every page (screenshot, no console error, no serious or critical
// axe-core violation, the page budgets), and signing in through the form.
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { chromium, request } from "playwright-core";

export const base = process.env.BOXOFFICE_URL ?? "http://localhost:8080";
const shots = process.env.SCREENSHOTS ?? "target/e2e";
const axe = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
mkdirSync(shots, { recursive: true });

/**
 * The budgets every page is held to, Lighthouse-style but counted, not timed (a shared machine's
 * timings are noise; bench/ measures speed): bytes over the wire for the page and everything it
 * loads, the number of requests, nothing from another origin, no script that blocks rendering,
 * and the document compressed.
 */
export const BUDGETS = { kilobytes: 30, requests: 5, thirdPartyRequests: 0, renderBlockingScripts: 0 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** A phone-sized page (390×844) that records console errors and failed requests. */
export async function phone(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, ...options });
  return watch(await context.newPage());
}

/** Records the page's console errors, failed requests and how its document was encoded. */
export function watch(page) {
  page.problems = [];
  page.on("console", (message) => message.type() === "error" && page.problems.push(message.text()));
  page.on("pageerror", (error) => page.problems.push(error.message));
  page.on("response", (response) => response.status() >= 400 && response.request().resourceType() !== "document"
    && page.problems.push(`${response.status()} ${response.url()}`));
  page.on("response", (response) => {
    if (response.request().resourceType() === "document" && response.request().isNavigationRequest()) {
      page.documentEncoding = response.headers()["content-encoding"] ?? "identity";
    }
  });
  return page;
}

/**
 * Screenshot, no console errors so far, no serious or critical accessibility violation, nothing
 * wider than the screen, and the page within its budgets (written to budgets.tsv beside the
 * screenshots).
 */
export async function check(page, name, { status } = {}) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  // a page answered with an error status on purpose (402 declined) is logged once by Chromium
  const expected = status ? [`Failed to load resource: the server responded with a status of ${status} ()`] : [];
  assert.deepEqual(page.problems, expected, `console errors on ${name}`);
  page.problems.length = 0;
  await page.evaluate(axe); // through the debugging protocol: not an inline script, the CSP stays as it is
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(violations, [], `accessibility violations on ${name}`);
  // responsive: nothing wider than the phone's screen (a wide table scrolls inside its own box)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} is ${overflow} px wider than the screen`);
  await withinBudget(page, name);
}

async function withinBudget(page, name) {
  const used = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType("navigation");
    const resources = performance.getEntriesByType("resource").filter((r) => !r.name.startsWith("data:"));
    const bytes = [navigation, ...resources].reduce((sum, r) => sum + (r?.encodedBodySize ?? 0), 0);
    return {
      bytes,
      requests: resources.length + 1,
      thirdParty: resources.filter((r) => new URL(r.name).origin !== location.origin).map((r) => r.name),
      blocking: [...document.querySelectorAll("script[src]:not([defer]):not([async]):not([type=module])")].length,
    };
  });
  const row = [name, (used.bytes / 1024).toFixed(1), used.requests, used.thirdParty.length, used.blocking,
    page.documentEncoding ?? "?"].join("\t");
  appendFileSync(`${shots}/budgets.tsv`, row + "\n");
  assert.ok(used.bytes <= BUDGETS.kilobytes * 1024, `${name}: ${used.bytes} bytes, budget ${BUDGETS.kilobytes} KB`);
  assert.ok(used.requests <= BUDGETS.requests, `${name}: ${used.requests} requests, budget ${BUDGETS.requests}`);
  assert.deepEqual(used.thirdParty, [], `${name}: third-party requests`);
  assert.equal(used.blocking, BUDGETS.renderBlockingScripts, `${name}: render-blocking scripts`);
}

/** Fills the sign-in form the page is on and sends it. */
export async function signIn(page, email, password) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The JSON API as a client of it: requests with this account's bearer token. */
export async function apiAs(email, password) {
  const anonymous = await request.newContext({ baseURL: base });
  const token = await anonymous.post("/api/v1/auth/token", { data: { email, password } });
  assert.equal(token.status(), 200, `token for ${email}`);
  const { accessToken } = await token.json();
  await anonymous.dispose();
  return request.newContext({ baseURL: base, extraHTTPHeaders: { Authorization: `Bearer ${accessToken}` } });
}

/** A new attendee account, signed up through the API; its email and password. */
export async function newAttendee() {
  const anonymous = await request.newContext({ baseURL: base });
  const email = `buyer-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.boxoffice.test`;
  const password = "e2e-password-1";
  const created = await anonymous.post("/api/v1/accounts",
    { data: { email, password, displayName: "E2E Buyer", role: "ATTENDEE" } });
  assert.equal(created.status(), 201, await created.text());
  await anonymous.dispose();
  return [email, password];
}

export const ORGANIZER = ["organizer@demo.boxoffice.test", "demo-organizer"];
export const ATTENDEE = ["attendee@demo.boxoffice.test", "demo-attendee"];
