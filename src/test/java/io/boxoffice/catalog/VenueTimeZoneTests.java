package io.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A venue's IANA time zone: found from its coordinates, or set; changed when the venue moves; named
 * beside every instant the API gives (venue, event, listing); and what the search page's days mean.
 */
class VenueTimeZoneTests extends ApiTest {

    private static Map<String, Object> venueAt(String city, String countryCode, double latitude, double longitude) {
        Map<String, Object> venue = Fixtures.venue(city);
        venue.put("countryCode", countryCode);
        venue.put("latitude", latitude);
        venue.put("longitude", longitude);
        return venue;
    }

    @Test
    void aVenueGetsTheZoneOfItsCoordinatesUnlessOneIsGiven() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Map<String, String> expected = Map.of(
                "Vienna", "Europe/Vienna",
                "New York", "America/New_York",
                "Denver", "America/Denver",
                "Sydney", "Australia/Sydney",
                "Kolkata", "Asia/Kolkata");
        Map<String, double[]> places = Map.of(
                "Vienna", new double[] {48.2082, 16.3738},
                "New York", new double[] {40.7128, -74.0060},
                "Denver", new double[] {39.7392, -104.9903},
                "Sydney", new double[] {-33.8688, 151.2093},
                "Kolkata", new double[] {22.5726, 88.3639});
        places.forEach((city, point) -> {
            Api.Response created =
                    api.post("/api/v1/venues", organizer.token(), venueAt(city, "AT", point[0], point[1]));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.json().get("timeZone").asString()).as(city).isEqualTo(expected.get(city));
        });

        Map<String, Object> given = venueAt("Vienna", "AT", 48.2082, 16.3738);
        given.put("timeZone", "Europe/Berlin");
        Api.Response set = api.post("/api/v1/venues", organizer.token(), given);
        assertThat(set.status()).isEqualTo(201);
        assertThat(set.json().get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(api.get("/api/v1/venues/" + set.json().get("id").asString())
                        .json()
                        .get("timeZone")
                        .asString())
                .isEqualTo("Europe/Berlin");
    }

    @Test
    void aZoneThatIsNotAnIanaNameIsRefusedWithItsFieldNamed() {
        Api.Account organizer = api.signUp("ORGANIZER");
        for (String wrong : List.of("CET+1", "Europe/Vienne", "+01:00", "", "europe/vienna")) {
            Map<String, Object> venue = venueAt("Vienna", "AT", 48.2082, 16.3738);
            venue.put("timeZone", wrong);
            Api.Response refused = api.post("/api/v1/venues", organizer.token(), venue);
            assertThat(refused.status()).as(wrong).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("timeZone");
        }
        String id = api.venueId(organizer.token(), "Leeds");
        Api.Response patched = api.patch("/api/v1/venues/" + id, organizer.token(), Map.of("timeZone", "Mars/Olympus"));
        assertThat(patched.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/venues/" + id).json().get("timeZone").asString())
                .isEqualTo("Europe/London");
    }

    @Test
    void aVenueThatMovesTakesItsNewZoneAndItsListedEventsTheirNewLocalDays() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.post("/api/v1/venues", organizer.token(), venueAt("Vienna", "AT", 48.2082, 16.3738))
                .json()
                .get("id")
                .asString();
        // 01:30 in Vienna on the 10th is 19:30 in New York on the 9th
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusMonths(2).withDayOfMonth(10);
        Instant startsAt = day.atTime(1, 30).atZone(ZoneId.of("Europe/Vienna")).toInstant();
        String title = "Movable Feast " + System.nanoTime();
        String eventId = published(organizer, venueId, title, startsAt);
        assertThat(searchPage(title, day)).contains("/events/" + eventId);

        Api.Response moved = api.patch(
                "/api/v1/venues/" + venueId, organizer.token(), Map.of("latitude", 40.7128, "longitude", -74.0060));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(searchPage(title, day)).doesNotContain("/events/" + eventId);
        assertThat(searchPage(title, day.minusDays(1))).contains("/events/" + eventId);
        JsonNode listed = api.get("/api/v1/events?q=" + title.replace(' ', '+'))
                .json()
                .get("items")
                .get(0);
        assertThat(listed.get("venue").get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(listed.get("startsAt").asString()).isEqualTo(startsAt.toString());

        Api.Response named = api.patch("/api/v1/venues/" + venueId, organizer.token(), Map.of("timeZone", "UTC"));
        assertThat(named.json().get("timeZone").asString()).isEqualTo("UTC");
        Api.Response renamed = api.patch("/api/v1/venues/" + venueId, organizer.token(), Map.of("name", "Still Hall"));
        assertThat(renamed.json().get("timeZone").asString())
                .as("unchanged when it does not move")
                .isEqualTo("UTC");
    }

    @Test
    void theSearchPagesDaysAreTheDaysWhereTheEventsHappen() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String losAngeles = api.post(
                        "/api/v1/venues", organizer.token(), venueAt("Los Angeles", "US", 34.0522, -118.2437))
                .json()
                .get("id")
                .asString();
        String tokyo = api.post("/api/v1/venues", organizer.token(), venueAt("Tokyo", "JP", 35.6762, 139.6503))
                .json()
                .get("id")
                .asString();
        // a day in July: summer time in Los Angeles, and Tokyo has none
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusYears(1).withMonth(7).withDayOfMonth(20);
        String title = "Dateline Night " + System.nanoTime();
        // 23:30 on the day in Los Angeles is the next day in UTC; 06:00 in Tokyo is the day before
        String late = published(
                organizer,
                losAngeles,
                title,
                day.atTime(23, 30).atZone(ZoneId.of("America/Los_Angeles")).toInstant());
        String early = published(
                organizer,
                tokyo,
                title,
                day.atTime(6, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());

        String onTheDay = searchPage(title, day);
        assertThat(onTheDay).contains("/events/" + late, "/events/" + early);
        assertThat(onTheDay).contains("23:30 PDT", "06:00 JST").doesNotContain(" UTC");
        assertThat(searchPage(title, day.plusDays(1))).doesNotContain("/events/" + late, "/events/" + early);
        assertThat(searchPage(title, day.minusDays(1))).doesNotContain("/events/" + late, "/events/" + early);
        assertThat(api.get("/search?q=" + title.replace(' ', '+') + "&from=" + day.plusDays(1))
                        .text())
                .doesNotContain("/events/" + late, "/events/" + early);
        assertThat(api.get("/search?q=" + title.replace(' ', '+') + "&to=" + day)
                        .text())
                .contains("/events/" + late, "/events/" + early);
    }

    private String searchPage(String title, LocalDate day) {
        Api.Response page = api.get("/search?q=" + title.replace(' ', '+') + "&from=" + day + "&to=" + day);
        assertThat(page.status()).isEqualTo(200);
        return page.text();
    }

    private String published(Api.Account organizer, String venueId, String title, Instant startsAt) {
        Api.Response created = api.post("/api/v1/events", organizer.token(), Fixtures.event(venueId, title, startsAt));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(api.post("/api/v1/events/" + id + "/publish", organizer.token(), null)
                        .status())
                .isEqualTo(200);
        return id;
    }
}
