package io.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Venues over HTTP: create, read, list by city, change, and who may do which. */
class VenueApiTests extends ApiTest {

    @Test
    void organizerCreatesAndAnyoneReadsAVenue() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Api.Response created = api.post("/api/v1/venues", organizer.token(), Fixtures.venue("Leeds"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/venues/" + id);
        assertThat(created.json().get("organizerId").asString()).isEqualTo(organizer.id());
        assertThat(created.json().get("countryCode").asString()).isEqualTo("GB");

        Api.Response read = api.get("/api/v1/venues/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asString()).isEqualTo("Test Hall");
        assertThat(read.header("ETag")).isNotBlank();
        assertThat(api.get("/api/v1/venues/" + id, null, "If-None-Match", read.header("ETag"))
                        .status())
                .isEqualTo(304);
    }

    @Test
    void unknownVenueIsNotFound() {
        Api.Response response = api.get("/api/v1/venues/" + UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void validatesVenueFields() {
        Api.Account organizer = api.signUp("ORGANIZER");
        Map<String, Object> venue = Fixtures.venue("Leeds");
        venue.put("latitude", 91);
        venue.put("capacity", 0);
        Api.Response response = api.post("/api/v1/venues", organizer.token(), venue);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("capacity", "latitude");

        Map<String, Object> unknownCountry = Fixtures.venue("Leeds");
        unknownCountry.put("countryCode", "XQ");
        Api.Response country = api.post("/api/v1/venues", organizer.token(), unknownCountry);
        assertThat(country.status()).isEqualTo(400);
        assertThat(country.json().get("errors").get(0).get("field").asString()).isEqualTo("countryCode");
    }

    @Test
    void onlyOrganizersCreateVenues() {
        assertThat(api.post("/api/v1/venues", null, Fixtures.venue("Leeds")).status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/venues", api.signUp("ATTENDEE").token(), Fixtures.venue("Leeds"))
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/venues", api.token(ADMIN_EMAIL, ADMIN_PASSWORD), Fixtures.venue("Leeds"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void onlyTheOwnerOrAnAdminChangesAVenue() {
        Api.Account owner = api.signUp("ORGANIZER");
        String id = api.venueId(owner.token(), "York");
        String path = "/api/v1/venues/" + id;

        assertThat(api.patch(path, null, Map.of("name", "X")).status()).isEqualTo(401);
        assertThat(api.patch(path, api.signUp("ATTENDEE").token(), Map.of("name", "X"))
                        .status())
                .isEqualTo(403);
        assertThat(api.patch(path, api.signUp("ORGANIZER").token(), Map.of("name", "X"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get(path).json().get("name").asString()).isEqualTo("Test Hall");

        Api.Response byOwner = api.patch(path, owner.token(), Map.of("name", "Owner's Hall", "capacity", 1200));
        assertThat(byOwner.status()).isEqualTo(200);
        assertThat(byOwner.json().get("name").asString()).isEqualTo("Owner's Hall");
        assertThat(byOwner.json().get("capacity").asInt()).isEqualTo(1200);
        assertThat(byOwner.json().get("city").asString()).isEqualTo("York");

        Api.Response byAdmin =
                api.patch(path, api.token(ADMIN_EMAIL, ADMIN_PASSWORD), Map.of("name", "Moderated Hall"));
        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(api.get(path).json().get("name").asString()).isEqualTo("Moderated Hall");
    }

    @Test
    void listsVenuesOfACityPageByPage() {
        Api.Account organizer = api.signUp("ORGANIZER");
        String city = "Pagetown-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.venueId(organizer.token(), city));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/venues?limit=2&city=" + city.toUpperCase()
                            + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        assertThat(seen).hasSize(created.size()).containsExactlyInAnyOrderElementsOf(created);
    }
}
