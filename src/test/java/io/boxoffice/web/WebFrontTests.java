package io.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web front over HTTP, as a browser sees it: public pages escaped, cacheable and under a
 * strict Content-Security-Policy; assets under content-hashed names kept for a year; forms
 * protected against CSRF without a server-side session; the session a secure HttpOnly cookie.
 */
class WebFrontTests extends ApiTest {

    private static final Pattern STYLESHEET = Pattern.compile("/assets/css/site-[0-9a-f]{32}\\.css");
    private Browser browser;

    @BeforeEach
    void browser() {
        browser = new Browser(api.base());
    }

    @Test
    void theHomePageListsUpcomingEventsEscapedCacheableAndUnderAStrictPolicy() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Webton");
        Map<String, Object> event = Fixtures.event(venueId, "<Rock & Roll> \"Night\"", Fixtures.inDays(3));
        event.put("ticketTypes", List.of(Fixtures.ticketType("Standard", 2500)));
        String eventId = api.post("/api/v1/events", organizer.token(), event)
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/events/" + eventId + "/publish", organizer.token(), null)
                        .status())
                .isEqualTo(200);

        Api.Response home = browser.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.contentType()).startsWith("text/html");
        assertThat(home.text())
                .contains("<html lang=\"en\">")
                .contains("&lt;Rock &amp; Roll&gt; &quot;Night&quot;")
                .doesNotContain("<Rock & Roll>")
                .contains("href=\"/events/" + eventId + "\"");
        assertThat(home.header("Cache-Control")).isEqualTo("public, max-age=60, stale-while-revalidate=300");
        assertThat(home.header("Content-Security-Policy"))
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(home.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(home.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        // public pages say nothing personal and set no cookie: a CDN may share them
        assertThat(home.raw().headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void assetsHaveContentHashedNamesAndAreKeptForAYear() {
        Matcher link = STYLESHEET.matcher(browser.get("/").text());
        assertThat(link.find()).as("the page links the hashed stylesheet").isTrue();
        Api.Response css = browser.get(link.group());
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(css.header("Cache-Control"))
                .contains("max-age=31536000")
                .contains("public")
                .contains("immutable");
        assertThat(css.text()).contains(".site-header");
        // another hash is another file: not found, never the current one under a wrong name
        assertThat(browser.get("/assets/css/site-00000000000000000000000000000000.css")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void signingInSetsASecureHttpOnlySessionCookieAndNeedsTheFormsCsrfToken() {
        Api.Account buyer = api.signUp("ATTENDEE");
        String password = "password-" + buyer.email();

        Browser.Form form = browser.form("/signin?next=/me/orders");
        assertThat(form.page().status()).isEqualTo(200);
        assertThat(form.page().text())
                .contains("<label for=\"email\">Email</label>")
                .contains("value=\"/me/orders\"");
        String csrfCookie = form.csrfCookie();

        // without the form's token: refused, whatever the credentials
        Api.Response forged = browser.post("/signin", null, Map.of("email", buyer.email(), "password", password));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.raw().headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("boxoffice_session="));

        Map<String, String> fields = Map.of(
                "email", buyer.email(), "password", "wrong-password", "next", "/me/orders", "_csrf", form.token());
        Api.Response wrong = browser.post("/signin", "boxoffice_csrf=" + csrfCookie, fields);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).contains("Wrong email or password.").contains("value=\"" + buyer.email() + "\"");

        Api.Response signedIn = browser.post(
                "/signin",
                "boxoffice_csrf=" + csrfCookie,
                Map.of("email", buyer.email(), "password", password, "next", "/me/orders", "_csrf", form.token()));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/me/orders");
        String session = signedIn.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("boxoffice_session="))
                .findFirst()
                .orElseThrow();
        assertThat(session)
                .contains("HttpOnly")
                .contains("Secure")
                .contains("SameSite=Lax")
                .contains("Path=/");
        // the cookie carries the API's own token: it works as a bearer token too
        String token = session.substring("boxoffice_session=".length(), session.indexOf(';'));
        assertThat(api.get("/api/v1/me", token).json().get("email").asString()).isEqualTo(buyer.email());
    }

    @Test
    void aPageForSignedInPeopleSendsOthersToSignInAndBackAndNeverToAnotherSite() {
        Api.Response mine = browser.get("/me/orders");
        assertThat(mine.status()).isEqualTo(302);
        assertThat(mine.header("Location")).endsWith("/signin?next=%2Fme%2Forders");

        assertThat(browser.get("/signin?next=//evil.example/x").text())
                .contains("name=\"next\" value=\"/\"")
                .doesNotContain("evil.example");
        assertThat(browser.get("/signin?next=https://evil.example/").text()).doesNotContain("evil.example");
    }

    @Test
    void signingUpWithAMistakeKeepsWhatWasTypedAndSaysWhatToFix() {
        Browser.Form form = browser.form("/signup");
        String csrfCookie = form.csrfCookie();

        Api.Response tooShort = browser.post(
                "/signup",
                "boxoffice_csrf=" + csrfCookie,
                Map.of(
                        "displayName",
                        "Ada",
                        "email",
                        "ada-web@example.com",
                        "password",
                        "short",
                        "_csrf",
                        form.token()));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.text())
                .contains("Choose a password of 8 to 128 characters.")
                .contains("value=\"ada-web@example.com\"");
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", "ada-web@example.com", "password", "short"))
                        .status())
                .isEqualTo(401);

        Api.Response created = browser.post(
                "/signup",
                "boxoffice_csrf=" + csrfCookie,
                Map.of(
                        "displayName", "Ada",
                        "email", "ada-web@example.com",
                        "password", "correct-horse-battery",
                        "_csrf", form.token()));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.raw().headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("boxoffice_session="));
        assertThat(api.token("ada-web@example.com", "correct-horse-battery")).isNotBlank();
    }

    @Test
    void aBuyerHoldsTicketsSeesTheCountdownIsDeclinedThenPaysAndGetsTicketsWithQrCodes() {
        String[] event = publishedEvent("Web Gala", 100);
        Api.Account buyer = api.signUp("ATTENDEE");
        Browser.Session session = browser.signIn(buyer);

        Api.Response page = browser.get("/events/" + event[0]);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).startsWith("public");
        assertThat(page.text())
                .contains("<h1>Web Gala</h1>")
                .contains("name=\"quantity-" + event[1] + "\"")
                .contains("<label class=\"visually-hidden\" for=\"quantity-" + event[1] + "\"");

        // the event page is the same for everyone: no CSRF token, no cookie, so a CDN may keep it
        assertThat(page.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(page.text()).doesNotContain("_csrf").contains("<form method=\"get\" action=\"/checkout\"");

        // its form (GET) leads a signed-in buyer to review the choice, then hold it (POST)
        Api.Response review = session.get("/checkout?eventId=" + event[0] + "&quantity-" + event[1] + "=2");
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(review.text())
                .contains("2 × Standard")
                .contains("Total: GBP 50.00")
                .contains("name=\"quantity-" + event[1] + "\" value=\"2\"")
                .contains("name=\"_csrf\"");
        // signed out, the same address asks for a sign-in and comes back to it
        Api.Response signedOut = browser.get("/checkout?eventId=" + event[0] + "&quantity-" + event[1] + "=2");
        assertThat(signedOut.status()).isEqualTo(302);
        assertThat(signedOut.header("Location")).contains("/signin?next=%2Fcheckout%3FeventId%3D");

        Api.Response held = session.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "2"));
        assertThat(held.status()).isEqualTo(302);
        String orderPath = held.header("Location").replaceFirst("^https?://[^/]+", "");
        assertThat(orderPath).matches("/orders/[0-9a-f-]{36}");

        Api.Response pending = session.get(orderPath);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(pending.text())
                .contains("data-countdown=\"")
                .contains("2 × Standard")
                .contains("GBP 50.00");

        Api.Response declined = session.post(orderPath + "/pay", Map.of("paymentMethod", "test_declined"));
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.contentType()).startsWith("text/html");
        assertThat(declined.text())
                .contains("role=\"alert\"")
                .doesNotContain("Exception")
                .doesNotContain("at io.");

        assertThat(session.post(orderPath + "/pay", Map.of("paymentMethod", "test_ok"))
                        .status())
                .isEqualTo(302);
        Api.Response tickets = session.get(orderPath);
        assertThat(tickets.text()).contains("<h1>Your tickets</h1>");
        Matcher qr = Pattern.compile("<svg [^>]*role=\"img\" aria-label=\"QR code of ticket ([A-Za-z0-9_-]+)\"")
                .matcher(tickets.text());
        int codes = 0;
        while (qr.find()) {
            codes++;
            assertThat(tickets.text()).contains("<code>" + qr.group(1) + "</code>");
        }
        assertThat(codes).isEqualTo(2);
        assertThat(session.get("/me/orders").text())
                .contains("href=\"" + orderPath + "\"")
                .contains("confirmed");
    }

    @Test
    void soldOutAndBadInputAreSentencesOnPagesNeverErrors() {
        String[] event = publishedEvent("Tiny Gig", 1);
        Browser.Session first = browser.signIn(api.signUp("ATTENDEE"));
        Browser.Session second = browser.signIn(api.signUp("ATTENDEE"));
        Api.Response firstHold = first.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "1"));
        assertThat(firstHold.status()).isEqualTo(302);
        String firstOrder = firstHold.header("Location").replaceFirst("^https?://[^/]+", "");

        Api.Response soldOut = second.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "1"));
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.text()).contains("Not enough tickets are left to cover this order.");
        assertThat(browser.get("/events/" + event[0]).text()).contains("Sold out");

        Api.Response nothing = second.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "0"));
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.text()).contains("Choose how many tickets you want");
        assertThat(second.get("/checkout?eventId=" + event[0] + "&quantity-" + event[1] + "=0")
                        .status())
                .isEqualTo(422);
        assertThat(second.get("/checkout?eventId=" + event[0] + "&quantity-" + java.util.UUID.randomUUID() + "=1")
                        .status())
                .isEqualTo(400);
        assertThat(second.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "lots"))
                        .status())
                .isEqualTo(400);
        assertThat(browser.get("/events/not-an-id").status()).isEqualTo(404);
        assertThat(browser.get("/events/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);
        // someone else's order is not found, not shown
        Api.Response notYours = second.get(firstOrder);
        assertThat(notYours.status()).isEqualTo(404);
        assertThat(notYours.text()).contains("No such order.");
        assertThat(first.get(firstOrder).status()).isEqualTo(200);
    }

    @Test
    void searchFiltersByTextCityCategoryAndDaysWithETagsAndSaysWhatIsWrongWithAFilter() {
        String[] event = publishedEvent("Quasar Serenade", 10);
        Api.Response found = browser.get("/search?q=quasar");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text()).contains("href=\"/events/" + event[0] + "\"").contains("value=\"quasar\"");
        assertThat(found.header("Cache-Control")).startsWith("public");
        assertThat(found.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(browser.get("/search?q=quasar&city=WEBTON&category=MUSIC").text())
                .contains("href=\"/events/" + event[0] + "\"");
        assertThat(browser.get("/search?q=quasar&category=FILM").text())
                .doesNotContain("href=\"/events/" + event[0] + "\"")
                .contains("No events match");
        assertThat(browser.get("/search?q=quasar&city=Elsewhere").text()).doesNotContain("/events/" + event[0]);
        // the fixture's event starts in 20 days
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        assertThat(browser.get("/search?q=quasar&from=" + today.plusDays(25)).text())
                .doesNotContain("/events/" + event[0]);
        assertThat(browser.get("/search?q=quasar&from=" + today.plusDays(15) + "&to=" + today.plusDays(25))
                        .text())
                .contains("/events/" + event[0]);
        assertThat(browser.get("/search?q=quasar&to=" + today.plusDays(10)).text())
                .doesNotContain("/events/" + event[0]);
        // the venue of the fixture is in London: near it, and not near Berlin
        assertThat(browser.get("/search?q=quasar&near=51.5,-0.1&radiusKm=25").text())
                .contains("/events/" + event[0]);
        assertThat(browser.get("/search?q=quasar&near=52.52,13.40&radiusKm=25").text())
                .doesNotContain("/events/" + event[0]);

        Api.Response badDay = browser.get("/search?from=2027-02-31");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.text()).contains("The first day must be a date such as 2027-06-30.");
        assertThat(browser.get("/search?category=OPERA").text()).contains("Choose a category from the list.");
        assertThat(browser.get("/search?near=north").status()).isEqualTo(400);

        // a page that has not changed costs a revalidation, not a body
        String etag = found.header("ETag");
        assertThat(etag).startsWith("W/\"");
        Api.Response again = browser.get("/search?q=quasar", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.raw().body()).isEmpty();
        assertThat(browser.get("/", "If-None-Match", browser.get("/").header("ETag"))
                        .status())
                .isEqualTo(304);
        assertThat(browser.get("/events/" + event[0]).header("ETag")).startsWith("W/\"");
    }

    @Test
    void theHomeAndSearchPagesShareTheListingCacheWithTheApiAndSeeAPublishAtOnce() {
        browser.get("/search?q=nebula");
        double loads = listingLoads();
        for (int i = 0; i < 5; i++) {
            assertThat(browser.get("/search?q=nebula").status()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/events?q=nebula&limit=24").status()).isEqualTo(200);
        assertThat(listingLoads())
                .as("five pages and the API's same query: one cached entry")
                .isEqualTo(loads);

        String[] event = publishedEvent("Nebula Nights", 10);
        assertThat(browser.get("/search?q=nebula").text()).contains("/events/" + event[0]);
        assertThat(listingLoads()).isEqualTo(loads + 1);
    }

    private double listingLoads() {
        return java.util.Arrays.stream(
                        management().get("/actuator/prometheus").text().split("\n"))
                .filter(line -> line.startsWith("boxoffice_cache_loads_total{") && line.contains("cache=\"listings\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void anUnknownPageIsAPageForPeopleAndAProblemForTheApi() {
        Api.Response page = browser.get("/no-such-page", "Accept", "text/html,application/xhtml+xml");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("There is no such page.").contains("href=\"/search\"");
        Api.Response api = browser.get("/api/v1/no-such-thing", "Accept", "text/html,application/json");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType()).startsWith("application/problem+json");
        assertThat(api.json().get("detail").asString()).isEqualTo("No such resource.");
    }

    @Test
    void aHoldPaidAfterItExpiredIsRefusedWithASentenceAndTheTicketsGoBackOnSale() {
        String[] event = publishedEvent("Late Show", 2);
        Browser.Session buyer = browser.signIn(api.signUp("ATTENDEE"));
        String order = Browser.Session.location(
                buyer.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "2")));
        assertThat(browser.get("/events/" + event[0]).text()).contains("Sold out");

        clock.advance(java.time.Duration.ofMinutes(11));
        Api.Response late = buyer.post(order + "/pay", Map.of("paymentMethod", "test_ok"));
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.text()).contains("The hold on these tickets expired; place a new order.");
        Api.Response after = buyer.get(order);
        assertThat(after.text())
                .contains("Your hold expired before it was paid")
                .doesNotContain("Pay now");
        // a new hold of the same two tickets succeeds: they went back on sale
        assertThat(buyer.post("/checkout", Map.of("eventId", event[0], "quantity-" + event[1], "2"))
                        .status())
                .isEqualTo(302);
    }

    @Test
    void anAccountDownloadsItsDataAndIsDeletedOnlyWithItsPassword() {
        Api.Account person = api.signUp("ATTENDEE");
        Browser.Session session = browser.signIn(person);
        Api.Response account = session.get("/me");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(account.text()).contains(person.email()).contains("Download my data");

        Api.Response export = session.get("/me/export");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/json");
        assertThat(export.header("Content-Disposition")).contains("attachment").contains("boxoffice-my-data.json");
        assertThat(export.json().get("account").get("email").asString()).isEqualTo(person.email());

        Api.Response wrong = session.post("/me/delete", Map.of("password", "not-my-password"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.text()).contains("Your account was not deleted.");
        assertThat(api.get("/api/v1/me", person.token()).status()).isEqualTo(200);
        assertThat(browser.post("/me/delete", session.cookies(), Map.of("password", "password-" + person.email()))
                        .status())
                .as("without the form's CSRF token")
                .isEqualTo(403);
        assertThat(api.get("/api/v1/me", person.token()).status()).isEqualTo(200);

        Api.Response deleted = session.post("/me/delete", Map.of("password", "password-" + person.email()));
        assertThat(Browser.Session.location(deleted)).isEqualTo("/signin?deleted");
        assertThat(deleted.raw().headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("boxoffice_session=;") && c.contains("Max-Age=0"));
        assertThat(api.get("/api/v1/me", person.token()).status()).isEqualTo(401);
        assertThat(session.get("/me").status()).isEqualTo(302);
        assertThat(api.post(
                                "/api/v1/auth/token",
                                null,
                                Map.of("email", person.email(), "password", "password-" + person.email()))
                        .status())
                .isEqualTo(401);
    }

    /** Publishes an event with one Standard type of {@code quota} at GBP 25; returns its id and the type's. */
    private String[] publishedEvent(String title, int quota) {
        return publishedEvent(api, api.signUp("ORGANIZER"), title, quota);
    }

    /** {@link #publishedEvent(String, int)} of this organizer. */
    static String[] publishedEvent(Api api, Api.Account organizer, String title, int quota) {
        String venueId = api.venueId(organizer.token(), "Webton");
        var event =
                api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 2500, quota)));
        api.patch("/api/v1/events/" + event.get("id").asString(), organizer.token(), Map.of("title", title));
        return new String[] {
            event.get("id").asString(),
            event.get("ticketTypes").get(0).get("id").asString()
        };
    }
}
