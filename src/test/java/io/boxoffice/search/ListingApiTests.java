package io.boxoffice.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /events}: filters, full-text relevance, distance, field selection, caching, compression. */
class ListingApiTests extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    private java.util.Map<String, io.boxoffice.jobs.RecurringJob> jobs;

    private Api.Account organizer;
    private String city;
    private String venueId;

    @BeforeEach
    void organizerWithVenue() {
        organizer = api.signUp("ORGANIZER");
        city = "Listcity" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        venueId = venue(city, 51.5, -0.12);
    }

    private String venue(String venueCity, double latitude, double longitude) {
        Map<String, Object> venue = Fixtures.venue(venueCity);
        venue.put("latitude", latitude);
        venue.put("longitude", longitude);
        return api.post("/api/v1/venues", organizer.token(), venue)
                .json()
                .get("id")
                .asString();
    }

    private String published(String atVenue, String title, String description, int inDays, String category) {
        Map<String, Object> body = Fixtures.event(atVenue, title, Fixtures.inDays(inDays));
        body.put("description", description);
        body.put("category", category);
        String id = api.post("/api/v1/events", organizer.token(), body)
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/events/" + id + "/publish", organizer.token(), null)
                        .status())
                .isEqualTo(200);
        return id;
    }

    private List<String> ids(String query) {
        Api.Response response = api.get("/api/v1/events?" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .map(item -> item.get("id").asString())
                .toList();
    }

    @Test
    void listsPublishedEventsOfACitySoonestFirst() {
        String later = published(venueId, "Later", "", 20, "MUSIC");
        String sooner = published(venueId, "Sooner", "", 10, "MUSIC");
        String draft = api.post(
                        "/api/v1/events", organizer.token(), Fixtures.event(venueId, "Draft", Fixtures.inDays(5)))
                .json()
                .get("id")
                .asString();
        String cancelled = published(venueId, "Cancelled", "", 15, "MUSIC");
        api.post("/api/v1/events/" + cancelled + "/cancel", organizer.token(), null);

        assertThat(ids("city=" + city.toLowerCase()))
                .containsExactly(sooner, later)
                .doesNotContain(draft);
    }

    @Test
    void filtersByCategoryAndDates() {
        String music = published(venueId, "Band", "", 10, "MUSIC");
        String sport = published(venueId, "Match", "", 12, "SPORTS");
        String farSport = published(venueId, "Final", "", 60, "SPORTS");

        assertThat(ids("city=" + city + "&category=SPORTS")).containsExactly(sport, farSport);
        assertThat(ids("city=" + city + "&from=" + Fixtures.inDays(11) + "&to=" + Fixtures.inDays(30)))
                .containsExactly(sport);
        assertThat(ids("city=" + city + "&to=" + Fixtures.inDays(11))).containsExactly(music);
    }

    @Test
    void searchesTextByRelevance() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String inDescription = published(venueId, "Quiet evening", "featuring " + word + " live", 5, "MUSIC");
        String inTitle = published(venueId, word + " in concert", "an evening", 30, "MUSIC");
        published(venueId, "Unrelated", "nothing to see", 6, "MUSIC");

        // a title match outranks a description match although it is later
        assertThat(ids("q=" + word)).containsExactly(inTitle, inDescription);
        // the venue's city is searchable too
        assertThat(ids("q=" + city + "&limit=100")).contains(inTitle, inDescription);
    }

    @Test
    void listsEventsUntilTheyEnd() {
        String word = "qz" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String ending = published(venueId, word + " matinee", "", 2, "MUSIC");
        String later = published(venueId, word + " evening", "", 3, "MUSIC");
        assertThat(ids("q=" + word + "&from=2020-01-01T00:00:00Z")).containsExactlyInAnyOrder(ending, later);
        // the first one is over (as if its day had come and gone)
        jdbc.sql("update event_listing set ends_at = now() - interval '1 minute' where event_id = cast(:id as uuid)")
                .param("id", ending)
                .update();

        jobs.get("listingExpiryJob").work().run();

        assertThat(ids("q=" + word + "&from=2020-01-01T00:00:00Z")).containsExactly(later);
        assertThat(api.get("/api/v1/events/" + ending).status()).isEqualTo(200); // the event itself stays
    }

    @Test
    void searchForgivesAccentsAndTypos() {
        String word = "qx" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String accented = published(venueId, "Señor Ñandú " + word, "música en el café", 8, "MUSIC");
        String orchestra = published(venueId, word + " Philharmonie Orchestra", "Beethoven", 9, "MUSIC");
        published(venueId, "Unrelated " + word.substring(2), "nothing to see", 7, "MUSIC");

        // without their accents
        assertThat(ids("q=senor+nandu+" + word)).containsExactly(accented);
        assertThat(ids("q=musica+cafe+" + word)).containsExactly(accented);
        // with a typo: "orchestar" and "philharmony" are words like the title's
        assertThat(ids("q=" + word + "+orchestar&limit=100")).contains(orchestra);
        assertThat(ids("q=philharmony+" + word + "&limit=100")).contains(orchestra);
        // search syntax is not fuzzy: an exclusion still excludes
        assertThat(ids("q=" + word + "+-orchestra&limit=100")).doesNotContain(orchestra);
    }

    @Test
    void findsEventsNearAPoint() {
        String far = venue(city, 53.48, -2.24); // ~260 km away
        String near = published(venueId, "Near", "", 10, "MUSIC");
        String distant = published(far, "Far", "", 11, "MUSIC");

        assertThat(ids("city=" + city + "&near=51.51,-0.13&radiusKm=5")).containsExactly(near);
        assertThat(ids("city=" + city + "&near=51.51,-0.13&radiusKm=300")).containsExactly(near, distant);
    }

    @Test
    void walksNearbyEventsAcrossGridCellsPageByPage() {
        // latitude 51.5 is a boundary of the listing's 0.5-degree grid: two cells, one circle
        String word = "nb" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String south = venue(word, 51.49, -0.13);
        String north = venue(word, 51.51, -0.13);
        String first = published(south, "South first", "", 10, "MUSIC");
        String second = published(north, "North second", "", 11, "MUSIC");
        String third = published(south, "South third", "", 12, "MUSIC");
        String query = "city=" + word + "&near=51.5,-0.13&radiusKm=5&limit=1";

        List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/events?" + query + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(item -> walked.add(item.get("id").asString()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null && walked.size() < 10);

        assertThat(walked).containsExactly(first, second, third);
    }

    @Test
    void trimsItemsToTheRequestedFields() {
        published(venueId, "Trimmed", "", 10, "MUSIC");
        JsonNode item = api.get("/api/v1/events?fields=id,title&city=" + city)
                .json()
                .get("items")
                .get(0);
        assertThat(item.propertyNames()).containsExactlyInAnyOrder("id", "title");

        Api.Response unknown = api.get("/api/v1/events?fields=id,secret");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("fields");
    }

    @Test
    void showsPriceAndVenueInItems() {
        published(venueId, "Priced", "", 10, "MUSIC");
        JsonNode item =
                api.get("/api/v1/events?city=" + city).json().get("items").get(0);
        assertThat(item.get("priceFromCents").asLong()).isEqualTo(2500);
        assertThat(item.get("currency").asString()).isEqualTo("GBP");
        assertThat(item.get("venue").get("city").asString()).isEqualTo(city);
    }

    @Test
    void followsVenueChanges() {
        String id = published(venueId, "Moving", "", 10, "MUSIC");
        String newCity = city + "x";
        api.patch("/api/v1/venues/" + venueId, organizer.token(), Map.of("city", newCity));
        assertThat(ids("city=" + newCity)).containsExactly(id);
        assertThat(ids("city=" + city)).isEmpty();
    }

    @Test
    void rejectsBadParameters() {
        for (String query : List.of(
                "limit=0",
                "limit=101",
                "cursor=garbage",
                "near=91,0",
                "near=abc",
                "radiusKm=5",
                "near=51,0&radiusKm=0",
                "from=yesterday",
                "category=KNITTING")) {
            Api.Response response = api.get("/api/v1/events?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.json().get("errors")).as(query).isNotEmpty();
        }
    }

    @Test
    void answersIfNoneMatchWith304() {
        published(venueId, "Cached", "", 10, "MUSIC");
        Api.Response first = api.get("/api/v1/events?city=" + city);
        assertThat(first.header("ETag")).isNotBlank();
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=60, stale-while-revalidate=300");
        Api.Response again = api.get("/api/v1/events?city=" + city, null, "If-None-Match", first.header("ETag"));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.raw().body()).isEmpty();

        published(venueId, "New", "", 11, "MUSIC");
        assertThat(api.get("/api/v1/events?city=" + city, null, "If-None-Match", first.header("ETag"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void compressesLargeResponsesWithGzipOrBrotli() throws IOException {
        for (int i = 0; i < 6; i++) {
            published(venueId, "Compressible " + i, "", 10 + i, "MUSIC");
        }
        String path = "/api/v1/events?city=" + city;
        Api.Response plain = api.get(path);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.header("Vary")).contains("Accept-Encoding");
        assertThat(plain.raw().body().length).isGreaterThan(1024);

        Api.Response gzip = api.get(path, null, "Accept-Encoding", "gzip");
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        byte[] unzipped =
                new GZIPInputStream(new ByteArrayInputStream(gzip.raw().body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain.text());
        assertThat(gzip.raw().body().length).isLessThan(plain.raw().body().length);

        Api.Response br = api.get(path, null, "Accept-Encoding", "gzip, deflate, br");
        assertThat(br.header("Content-Encoding")).isEqualTo("br");
        byte[] decoded = com.aayushatharva.brotli4j.decoder.Decoder.decompress(
                        br.raw().body())
                .getDecompressedData();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(plain.text());

        Api.Response small = api.get("/api/v1/events?limit=1&fields=id&city=" + city, null, "Accept-Encoding", "gzip");
        assertThat(small.header("Content-Encoding")).isNull();
    }
}
