package io.boxoffice.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The organizer's pages over HTTP: venues and events made and changed through forms (a mistake
 * changes nothing and comes back as typed), publish and cancel, the door admitting each ticket
 * once, and the sales dashboard; and nobody but the event's organizer doing any of it.
 */
class OrganizerPagesTests extends ApiTest {

    private static final Pattern EVENT_PATH = Pattern.compile("/organizer/events/([0-9a-f-]{36})\\?saved");

    private Browser browser;

    @BeforeEach
    void browser() {
        browser = new Browser(api.base());
    }

    @Test
    void anOrganizerAddsAVenueCreatesAnEventFixesMistakesEditsPublishesAndCancels() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Browser.Session session = browser.signIn(organizer);
        Api.Response empty = session.get("/organizer");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(empty.text()).contains("No events coming up.").contains("No venues yet.");

        Map<String, String> venue = new HashMap<>(Map.of(
                "name", "Form Hall",
                "address", "2 Form Street",
                "city", "Formton",
                "countryCode", "DE",
                "latitude", "north",
                "longitude", "13.4",
                "capacity", "800"));
        Api.Response badVenue = session.post("/organizer/venues", venue);
        assertThat(badVenue.status()).isEqualTo(422);
        assertThat(badVenue.text())
                .contains("The latitude must be a number in decimal degrees")
                .contains("value=\"Form Hall\"");
        assertThat(session.get("/organizer").text()).contains("No venues yet.");
        venue.put("latitude", "52.5");
        assertThat(Browser.Session.location(session.post("/organizer/venues", venue)))
                .isEqualTo("/organizer");
        Api.Response form = session.get("/organizer/events/new");
        Matcher option = Pattern.compile("<option value=\"([0-9a-f-]{36})\">Form Hall, Formton</option>")
                .matcher(form.text());
        assertThat(option.find()).as(form.text()).isTrue();
        String venueId = option.group(1);

        // times on the form are local at the venue (52.5, 13.4: Berlin)
        String starts = LocalDate.now(ZoneOffset.UTC).plusDays(20).atTime(19, 0).toString();
        Map<String, String> event = new HashMap<>(Map.of(
                "title", "Form Festival",
                "description", "Made with a form",
                "venueId", venueId,
                "category", "FESTIVAL",
                "startsAt", starts,
                "endsAt", LocalDateTime.parse(starts).minusHours(1).toString(),
                "currency", "EUR"));
        event.putAll(row(0, "", "Standard", "ten", "100", ""));
        event.putAll(row(1, "", "", "", "", ""));
        Api.Response mistakes = session.post("/organizer/events", event);
        assertThat(mistakes.status()).isEqualTo(422);
        assertThat(mistakes.text())
                .contains("Ticket type “Standard”: enter a price such as 25.00")
                .contains("value=\"Form Festival\"")
                .contains("value=\"ten\"");
        event.putAll(row(0, "", "Standard", "25.50", "100", ""));
        Api.Response schedule = session.post("/organizer/events", event);
        assertThat(schedule.status()).isEqualTo(422);
        assertThat(schedule.text()).contains("Please check the form");
        assertThat(api.get("/api/v1/me/events", organizer.token()).json().get("items"))
                .isEmpty();

        // 02:30 on the last Sunday of March does not exist in Berlin: the clocks go from 02:00 to 03:00
        event.put("endsAt", LocalDateTime.parse(starts).plusHours(4).toString());
        event.putAll(row(1, "", "VIP", "80", "10", "2"));
        Map<String, String> skipped = new HashMap<>(event);
        LocalDate spring = LocalDate.now(ZoneOffset.UTC)
                .plusYears(1)
                .withMonth(3)
                .with(TemporalAdjusters.lastInMonth(DayOfWeek.SUNDAY));
        skipped.put("startsAt", spring.atTime(2, 30).toString());
        skipped.put("endsAt", spring.atTime(6, 0).toString());
        Api.Response gap = session.post("/organizer/events", skipped);
        assertThat(gap.status()).isEqualTo(422);
        assertThat(gap.text()).contains("The clocks go forward then in Europe/Berlin");
        Api.Response created = session.post("/organizer/events", event);
        Matcher path = EVENT_PATH.matcher(Browser.Session.location(created));
        assertThat(path.matches()).isTrue();
        String id = path.group(1);
        JsonNode draft = api.get("/api/v1/events/" + id, organizer.token()).json();
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("startsAt").asString())
                .isEqualTo(LocalDateTime.parse(starts)
                        .atZone(ZoneId.of("Europe/Berlin"))
                        .toInstant()
                        .toString());
        assertThat(draft.get("venue").get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(draft.get("ticketTypes")).hasSize(2);
        assertThat(draft.get("ticketTypes").get(0).get("priceCents").asLong()).isEqualTo(2550);
        assertThat(draft.get("ticketTypes").get(1).get("maxPerOrder").asInt()).isEqualTo(2);
        assertThat(browser.get("/events/" + id).status())
                .as("a draft is not public")
                .isEqualTo(404);

        Api.Response edit = session.get("/organizer/events/" + id + "?saved");
        assertThat(edit.text())
                .contains("Saved.")
                .contains("value=\"25.50\"")
                .contains(">Draft<")
                .contains("value=\"" + starts + "\"");
        Map<String, String> changed = new HashMap<>(event);
        changed.put("title", "Form Festival 2");
        changed.putAll(row(0, draft.get("ticketTypes").get(0).get("id").asString(), "Standard", "25.50", "150", ""));
        changed.putAll(row(1, draft.get("ticketTypes").get(1).get("id").asString(), "VIP", "80.00", "10", "2"));
        changed.putAll(row(2, "", "Student", "12", "50", ""));
        assertThat(Browser.Session.location(session.post("/organizer/events/" + id, changed)))
                .isEqualTo("/organizer/events/" + id + "?saved");
        JsonNode edited = api.get("/api/v1/events/" + id, organizer.token()).json();
        assertThat(edited.get("title").asString()).isEqualTo("Form Festival 2");
        assertThat(edited.get("ticketTypes")).hasSize(3);
        assertThat(edited.get("ticketTypes").get(0).get("quota").asInt()).isEqualTo(150);

        assertThat(Browser.Session.location(session.post("/organizer/events/" + id + "/publish", Map.of())))
                .isEqualTo("/organizer/events/" + id + "?published");
        assertThat(browser.get("/events/" + id).text()).contains("<h1>Form Festival 2</h1>");
        assertThat(browser.get("/search?q=form+festival").text()).contains("href=\"/events/" + id + "\"");
        assertThat(session.get("/organizer").text()).contains(">Published<");

        Api.Response unconfirmed = session.post("/organizer/events/" + id + "/cancel", Map.of());
        assertThat(unconfirmed.status()).isEqualTo(400);
        assertThat(unconfirmed.text()).contains("Tick the box to confirm");
        assertThat(api.get("/api/v1/events/" + id).json().get("status").asString())
                .isEqualTo("PUBLISHED");
        assertThat(Browser.Session.location(
                        session.post("/organizer/events/" + id + "/cancel", Map.of("confirm", "yes"))))
                .isEqualTo("/organizer/events/" + id + "?cancelled");
        assertThat(api.get("/api/v1/events/" + id).json().get("status").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void onlyTheEventsOrganizerMayChangeItAndAttendeesAreToldWhatTheOrganizerPagesAreFor() {
        Api.Account owner = api.signUp("ORGANIZER");
        String[] event = WebFrontTests.publishedEvent(api, owner, "Owned Night", 10);
        Browser.Session attendee = browser.signIn(api.signUp("ATTENDEE"));
        Api.Response notForYou = attendee.get("/organizer");
        assertThat(notForYou.status()).isEqualTo(403);
        assertThat(notForYou.text()).contains("These pages are for organizers.");
        assertThat(attendee.post("/organizer/events/" + event[0] + "/cancel", Map.of("confirm", "yes"))
                        .status())
                .isEqualTo(403);

        Browser.Session rival = browser.signIn(api.signUp("ORGANIZER"));
        assertThat(rival.get("/organizer/events/" + event[0]).status()).isEqualTo(404);
        Map<String, String> takeover = new HashMap<>(Map.of(
                "title", "Taken over",
                "venueId", "",
                "category", "MUSIC",
                "startsAt", "2030-01-01T20:00",
                "endsAt", "2030-01-01T23:00",
                "currency", "GBP"));
        takeover.putAll(row(0, event[1], "Standard", "1", "10", ""));
        assertThat(rival.post("/organizer/events/" + event[0], takeover).status())
                .isEqualTo(404);
        assertThat(rival.post("/organizer/events/" + event[0] + "/cancel", Map.of("confirm", "yes"))
                        .status())
                .isEqualTo(403);
        assertThat(rival.get("/organizer/events/" + event[0] + "/sales").status())
                .isEqualTo(403);
        // and a form without its CSRF token is refused before anything is looked at
        assertThat(browser.post(
                                "/organizer/events/" + event[0] + "/cancel",
                                attendee.cookies(),
                                Map.of("confirm", "yes"))
                        .status())
                .isEqualTo(403);
        JsonNode unchanged = api.get("/api/v1/events/" + event[0]).json();
        assertThat(unchanged.get("title").asString()).isEqualTo("Owned Night");
        assertThat(unchanged.get("status").asString()).isEqualTo("PUBLISHED");
    }

    @Test
    void theDoorAdmitsEachTicketOnceAndTheDashboardCountsSalesAndCheckIns() {
        Api.Account owner = api.signUp("ORGANIZER");
        String[] event = WebFrontTests.publishedEvent(api, owner, "Door Night", 10);
        Api.Account buyer = api.signUp("ATTENDEE");
        Api.Response held = api.post("/api/v1/orders", buyer.token(), Fixtures.order(event[0], event[1], 2));
        assertThat(held.status()).as(held.text()).isEqualTo(201);
        JsonNode paid = api.post(
                        "/api/v1/orders/" + held.json().get("id").asString() + "/pay",
                        buyer.token(),
                        Map.of("paymentMethod", "test_ok"))
                .json();
        String code = paid.get("tickets").get(0).get("code").asString();
        api.post("/api/v1/orders", buyer.token(), Fixtures.order(event[0], event[1], 1)); // a hold, unpaid

        Browser.Session rival = browser.signIn(api.signUp("ORGANIZER"));
        Api.Response notTheirs = rival.post("/organizer/checkin", Map.of("code", code));
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.text()).contains("Not admitted.").contains("No ticket of your events has this code.");

        Browser.Session door = browser.signIn(owner);
        Api.Response page = door.get("/organizer/checkin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("<label for=\"code\">Ticket code</label>")
                .contains("data-scan");
        Api.Response admitted = door.post("/organizer/checkin", Map.of("code", " " + code + " "));
        assertThat(admitted.status()).isEqualTo(200);
        assertThat(admitted.text()).contains("Admitted.").contains("<code>" + code + "</code>");
        Api.Response again = door.post("/organizer/checkin", Map.of("code", code));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("Not admitted.").contains("This ticket was already checked in at");
        assertThat(door.post("/organizer/checkin", Map.of("code", "nonsense")).status())
                .isEqualTo(404);
        assertThat(door.post("/organizer/checkin", Map.of("code", "  ")).status())
                .isEqualTo(422);

        Api.Response sales = door.get("/organizer/events/" + event[0] + "/sales");
        String today =
                java.time.LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        assertThat(sales.status()).isEqualTo(200);
        assertThat(sales.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(sales.text())
                .contains("data-figure=\"sold\">2<")
                .contains("data-figure=\"held\">1<")
                .contains("data-figure=\"checked-in\">1<")
                .contains("data-figure=\"revenue\">GBP 50.00<")
                .contains("data-live=\"10\"")
                .contains("<title>" + today + ": 2 tickets</title>")
                .containsPattern("<rect x=\"[0-9.]+\" y=\"10\\.0\" width=\"[0-9.]+\" height=\"90\\.0\">\\s*<title>"
                        + today + ":");
        // fourteen days, one bar each; only today's has height
        assertThat(Pattern.compile("<rect ").matcher(sales.text()).results().count())
                .isEqualTo(14);
        assertThat(Pattern.compile("height=\"0\\.0\"")
                        .matcher(sales.text())
                        .results()
                        .count())
                .isEqualTo(13);
    }

    @Test
    void manyEventsComeAPageAtATimeSoonestFirst() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Pageton");
        for (int day = 40; day > 13; day--) { // 27 events, created latest first
            Api.Response created = api.post(
                    "/api/v1/events", organizer.token(), Fixtures.event(venueId, "Night " + day, Fixtures.inDays(day)));
            assertThat(created.status()).isEqualTo(201);
        }
        Browser.Session session = browser.signIn(organizer);
        String first = session.get("/organizer").text();
        assertThat(Pattern.compile("<th scope=\"row\">")
                        .matcher(first)
                        .results()
                        .count())
                .isEqualTo(25);
        assertThat(first.indexOf(">Night 14<")).isLessThan(first.indexOf(">Night 15<"));
        assertThat(first).doesNotContain(">Night 39<");
        Matcher more = Pattern.compile("<a rel=\"next\" href=\"([^\"]+)\">More events</a>")
                .matcher(first);
        assertThat(more.find()).isTrue();
        String second = session.get(more.group(1).replace("&amp;", "&")).text();
        assertThat(second).contains(">Night 39<").contains(">Night 40<").doesNotContain(">Night 38<");
        assertThat(second).doesNotContain("More events");
        assertThat(session.get("/organizer?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    /** The fields of ticket type row {@code n} of the event form. */
    private static Map<String, String> row(int n, String id, String name, String price, String quota, String max) {
        return Map.of(
                "type-id-" + n, id,
                "type-name-" + n, name,
                "type-price-" + n, price,
                "type-quota-" + n, quota,
                "type-max-" + n, max);
    }
}
