package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** HTTP caching per endpoint: who may store a response, for how long, and 304s on a matching ETag. */
class HttpCachingTests extends ApiTest {

    @Autowired
    private CachedResponses responses;

    private Api.Account organizer;
    private String venueId;
    private String eventId;
    private String city;

    @BeforeEach
    void publishedEvent() {
        organizer = api.signUp("ORGANIZER");
        city = "Etagville-" + UUID.randomUUID().toString().substring(0, 8);
        venueId = api.venueId(organizer.token(), city);
        Map<String, Object> body = Fixtures.event(venueId, "Headers Night", Fixtures.inDays(20));
        body.put("ticketTypes", List.of(Fixtures.ticketType("Standard", 2000, 50)));
        eventId = api.post("/api/v1/events", organizer.token(), body)
                .json()
                .get("id")
                .asString();
        api.post("/api/v1/events/" + eventId + "/publish", organizer.token(), null);
    }

    @Test
    void publicReadsMayBeStoredBySharedCachesForAsLongAsTheirCacheAllows() {
        Map<String, String> expected = Map.of(
                "/api/v1/events?city=" + city, "public, max-age=60, stale-while-revalidate=300",
                "/api/v1/events/" + eventId, "public, max-age=10, stale-while-revalidate=60",
                "/api/v1/events/" + eventId + "/availability", "public, max-age=1, stale-while-revalidate=5",
                "/api/v1/venues/" + venueId, "public, max-age=300, stale-while-revalidate=600");
        expected.forEach((path, cacheControl) -> {
            Api.Response read = api.get(path);
            assertThat(read.status()).as(path).isEqualTo(200);
            assertThat(read.header("Cache-Control")).as(path).isEqualTo(cacheControl);
            assertThat(read.header("Vary")).as(path).contains("Accept-Encoding");
            assertThat(read.header("ETag")).as(path).startsWith("W/\"");
            assertThat(read.contentType()).as(path).startsWith("application/json");
        });
    }

    @Test
    void aMatchingETagGetsA304WithoutABodyOnEveryCachedRead() {
        for (String path : List.of(
                "/api/v1/events?city=" + city,
                "/api/v1/events/" + eventId,
                "/api/v1/events/" + eventId + "/availability",
                "/api/v1/venues/" + venueId)) {
            Api.Response first = api.get(path);
            String etag = first.header("ETag");
            Api.Response again = api.get(path, null, "If-None-Match", etag);
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.raw().body()).as(path).isEmpty();
            assertThat(again.header("ETag")).as(path).isEqualTo(etag);
            assertThat(api.get(path, null, "If-None-Match", "W/\"something-else\"")
                            .status())
                    .as(path)
                    .isEqualTo(200);
            // compressed or not, the representation has one validator
            assertThat(api.get(path, null, "Accept-Encoding", "gzip").header("ETag"))
                    .as(path)
                    .isEqualTo(etag);
        }
    }

    @Test
    void theFrontDoorAnswersExactlyAsTheControllerDoes() {
        for (String encoding : List.of("identity", "gzip", "br")) {
            for (String path : List.of(
                    "/api/v1/events?city=" + city,
                    "/api/v1/events/" + eventId,
                    "/api/v1/events/" + eventId + "/availability",
                    "/api/v1/venues/" + venueId)) {
                api.patch("/api/v1/venues/" + venueId, organizer.token(), Map.of("capacity", 1000 + path.length()));
                api.patch(
                        "/api/v1/events/" + eventId,
                        organizer.token(),
                        Map.of("description", (encoding + path).repeat(20)));
                String what = path + " with " + encoding;
                Api.Response byController = api.get(path, null, "Accept-Encoding", encoding);
                assertThat(responses.route(path)).as(what).isNotNull();
                Api.Response atTheDoor = api.get(path, null, "Accept-Encoding", encoding);
                assertThat(atTheDoor.status()).as(what).isEqualTo(200);
                assertThat(atTheDoor.raw().body())
                        .as(what)
                        .isEqualTo(byController.raw().body());
                Map<String, List<String>> expected =
                        new TreeMap<>(byController.raw().headers().map());
                Map<String, List<String>> actual =
                        new TreeMap<>(atTheDoor.raw().headers().map());
                expected.remove("date");
                actual.remove("date");
                assertThat(actual).as(what).isEqualTo(expected);
                if (path.equals("/api/v1/events/" + eventId) && !encoding.equals("identity")) {
                    // over 1 KiB with its description: compressed once, in the entry
                    assertThat(atTheDoor.header("Content-Encoding")).as(what).isEqualTo(encoding);
                }
            }
        }
    }

    @Test
    void aChangeChangesTheETag() {
        String path = "/api/v1/events/" + eventId;
        String before = api.get(path).header("ETag");
        api.patch(path, organizer.token(), Map.of("title", "Headers Night, Moved"));
        Api.Response after = api.get(path, null, "If-None-Match", before);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before);
        assertThat(after.json().get("title").asString()).isEqualTo("Headers Night, Moved");
    }

    @Test
    void personalAndSignedInAnswersAreNeverStored() {
        Api.Account attendee = api.signUp("ATTENDEE");
        assertThat(api.get("/api/v1/events/" + eventId, attendee.token()).header("Cache-Control"))
                .isEqualTo("private, no-store");
        assertThat(api.get("/api/v1/me", attendee.token()).header("Cache-Control"))
                .isEqualTo("private, no-store");
        assertThat(api.get("/api/v1/events/" + eventId + "/stats", organizer.token())
                        .header("Cache-Control"))
                .isEqualTo("private, no-store");

        Map<String, Object> body = Fixtures.event(venueId, "Private Draft", Fixtures.inDays(20));
        String draft = api.post("/api/v1/events", organizer.token(), body)
                .json()
                .get("id")
                .asString();
        Api.Response own = api.get("/api/v1/events/" + draft, organizer.token());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(api.get("/api/v1/events/" + draft).status()).isEqualTo(404);
    }
}
