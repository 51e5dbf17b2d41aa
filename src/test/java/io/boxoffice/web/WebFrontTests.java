package io.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The web front over HTTP, as a browser sees it: public pages escaped, cacheable and under a
 * strict Content-Security-Policy; assets under content-hashed names kept for a year; forms
 * protected against CSRF without a server-side session; the session a secure HttpOnly cookie.
 */
class WebFrontTests extends ApiTest {

    private static final Pattern STYLESHEET = Pattern.compile("/assets/css/site-[0-9a-f]{32}\\.css");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private Api browser;

    @BeforeEach
    void browser() {
        browser = new Api(api.base()); // cookies by hand: they are Secure, and this is http://localhost
    }

    @Test
    void theHomePageListsUpcomingEventsEscapedCacheableAndUnderAStrictPolicy() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.post("/api/v1/venues", organizer.token(), Fixtures.venue("Webton"))
                .json()
                .get("id")
                .asString();
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

        Api.Response form = browser.get("/signin?next=/me/orders");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.text()).contains("<label for=\"email\">Email</label>").contains("value=\"/me/orders\"");
        String csrfCookie = cookie(form, "boxoffice_csrf");
        Matcher field = CSRF_FIELD.matcher(form.text());
        assertThat(field.find()).isTrue();

        // without the form's token: refused, whatever the credentials
        Api.Response forged = post("/signin", null, Map.of("email", buyer.email(), "password", password));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.raw().headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("boxoffice_session="));

        Map<String, String> fields = Map.of(
                "email", buyer.email(), "password", "wrong-password", "next", "/me/orders", "_csrf", field.group(1));
        Api.Response wrong = post("/signin", "boxoffice_csrf=" + csrfCookie, fields);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).contains("Wrong email or password.").contains("value=\"" + buyer.email() + "\"");

        Api.Response signedIn = post(
                "/signin",
                "boxoffice_csrf=" + csrfCookie,
                Map.of("email", buyer.email(), "password", password, "next", "/me/orders", "_csrf", field.group(1)));
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
        Api.Response form = browser.get("/signup");
        String csrfCookie = cookie(form, "boxoffice_csrf");
        Matcher field = CSRF_FIELD.matcher(form.text());
        assertThat(field.find()).isTrue();

        Api.Response tooShort = post(
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
                        field.group(1)));
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.text())
                .contains("Choose a password of 8 to 128 characters.")
                .contains("value=\"ada-web@example.com\"");
        assertThat(api.post("/api/v1/auth/token", null, Map.of("email", "ada-web@example.com", "password", "short"))
                        .status())
                .isEqualTo(401);

        Api.Response created = post(
                "/signup",
                "boxoffice_csrf=" + csrfCookie,
                Map.of(
                        "displayName", "Ada",
                        "email", "ada-web@example.com",
                        "password", "correct-horse-battery",
                        "_csrf", field.group(1)));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.raw().headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("boxoffice_session="));
        assertThat(api.token("ada-web@example.com", "correct-horse-battery")).isNotBlank();
    }

    @Test
    void aBuyerHoldsTicketsSeesTheCountdownIsDeclinedThenPaysAndGetsTicketsWithQrCodes() {
        String[] event = publishedEvent("Web Gala", 100);
        Api.Account buyer = api.signUp("ATTENDEE");
        Session session = signIn(buyer);

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
        Session first = signIn(api.signUp("ATTENDEE"));
        Session second = signIn(api.signUp("ATTENDEE"));
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

    /** Publishes an event with one Standard type of {@code quota} at GBP 25; returns its id and the type's. */
    private String[] publishedEvent(String title, int quota) {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.post("/api/v1/venues", organizer.token(), Fixtures.venue("Webton"))
                .json()
                .get("id")
                .asString();
        var event =
                api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 2500, quota)));
        api.patch("/api/v1/events/" + event.get("id").asString(), organizer.token(), Map.of("title", title));
        return new String[] {
            event.get("id").asString(),
            event.get("ticketTypes").get(0).get("id").asString()
        };
    }

    /** A browser's cookies after signing in through the form: the session and the CSRF token. */
    private record Session(WebFrontTests test, String cookies, String csrf) {

        Api.Response get(String path) {
            return test.browser.send(
                    test.browser.builder(path, null).header("Cookie", cookies).GET());
        }

        Api.Response post(String path, Map<String, String> fields) {
            Map<String, String> all = new java.util.HashMap<>(fields);
            all.put("_csrf", csrf);
            return test.post(path, cookies, all);
        }
    }

    private Session signIn(Api.Account account) {
        Api.Response form = browser.get("/signin");
        String csrfCookie = cookie(form, "boxoffice_csrf");
        Matcher field = CSRF_FIELD.matcher(form.text());
        assertThat(field.find()).isTrue();
        Api.Response signedIn = post(
                "/signin",
                "boxoffice_csrf=" + csrfCookie,
                Map.of("email", account.email(), "password", "password-" + account.email(), "_csrf", field.group(1)));
        assertThat(signedIn.status()).isEqualTo(302);
        return new Session(
                this,
                "boxoffice_csrf=" + csrfCookie + "; boxoffice_session=" + cookie(signedIn, "boxoffice_session"),
                field.group(1));
    }

    private Api.Response post(String path, String cookies, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = browser.builder(path, null)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookies != null) {
            request.header("Cookie", cookies);
        }
        return browser.send(request);
    }

    private static String cookie(Api.Response response, String name) {
        return response.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
    }
}
