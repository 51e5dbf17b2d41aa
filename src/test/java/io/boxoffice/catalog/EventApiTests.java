package io.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Events over HTTP: the draft → published → cancelled lifecycle, validation, and who may do what. */
class EventApiTests extends ApiTest {

    private Api.Account owner;
    private String venueId;

    @BeforeEach
    void organizerWithVenue() {
        owner = api.signUp("ORGANIZER");
        venueId = api.venueId(owner.token(), "Bath");
    }

    private JsonNode createEvent(String title) {
        Api.Response created =
                api.post("/api/v1/events", owner.token(), Fixtures.event(venueId, title, Fixtures.inDays(30)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json();
    }

    @Test
    void createsADraftWithTicketTypes() {
        Map<String, Object> body = Fixtures.event(venueId, "Draft Night", Fixtures.inDays(10));
        Map<String, Object> vip = Fixtures.ticketType("VIP", 9000);
        vip.remove("maxPerOrder");
        body.put("ticketTypes", List.of(Fixtures.ticketType("Standard", 2500), vip));

        Api.Response created = api.post("/api/v1/events", owner.token(), body);
        assertThat(created.status()).isEqualTo(201);
        JsonNode event = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/events/" + event.get("id").asString());
        assertThat(event.get("status").asString()).isEqualTo("DRAFT");
        assertThat(event.get("venue").get("id").asString()).isEqualTo(venueId);
        assertThat(event.get("ticketTypes")).hasSize(2);
        assertThat(event.get("ticketTypes").get(0).get("id").asString()).isNotBlank();
        assertThat(event.get("ticketTypes").get(1).get("maxPerOrder").asInt()).isEqualTo(10);
        assertThat(event.get("startsAt").asString()).isEqualTo(body.get("startsAt"));
    }

    @Test
    void draftsAreVisibleToTheirOwnerAndAdminsOnly() {
        String path = "/api/v1/events/" + createEvent("Secret Draft").get("id").asString();
        assertThat(api.get(path).status()).isEqualTo(404);
        assertThat(api.get(path, api.signUp("ATTENDEE").token()).status()).isEqualTo(404);
        assertThat(api.get(path, api.signUp("ORGANIZER").token()).status()).isEqualTo(404);
        assertThat(api.get(path, owner.token()).status()).isEqualTo(200);
        assertThat(api.get(path, api.token(ADMIN_EMAIL, ADMIN_PASSWORD)).status())
                .isEqualTo(200);
    }

    @Test
    void publishedEventsAreVisibleToAllWithETags() {
        String id = createEvent("Open Night").get("id").asString();
        assertThat(api.post("/api/v1/events/" + id + "/publish", owner.token(), null)
                        .status())
                .isEqualTo(200);

        Api.Response read = api.get("/api/v1/events/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(read.header("Cache-Control")).contains("public");
        String etag = read.header("ETag");
        assertThat(api.get("/api/v1/events/" + id, null, "If-None-Match", etag).status())
                .isEqualTo(304);

        api.patch("/api/v1/events/" + id, owner.token(), Map.of("title", "Open Night, Revised"));
        Api.Response changed = api.get("/api/v1/events/" + id, null, "If-None-Match", etag);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("title").asString()).isEqualTo("Open Night, Revised");
    }

    @Test
    void unknownEventIsNotFound() {
        assertThat(api.get("/api/v1/events/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/events/not-an-id").status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/events/" + UUID.randomUUID(), owner.token(), Map.of("title", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/events/" + UUID.randomUUID() + "/publish", owner.token(), null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void validatesSchedulesAndTicketTypes() {
        Map<String, Object> past = Fixtures.event(venueId, "Past", Instant.now().minus(1, ChronoUnit.DAYS));
        assertThat(errorFields(api.post("/api/v1/events", owner.token(), past))).containsExactly("startsAt");

        Map<String, Object> backwards = Fixtures.event(venueId, "Backwards", Fixtures.inDays(5));
        backwards.put("endsAt", Fixtures.inDays(4).toString());
        assertThat(errorFields(api.post("/api/v1/events", owner.token(), backwards)))
                .containsExactly("endsAt");

        Map<String, Object> mixed = Fixtures.event(venueId, "Mixed", Fixtures.inDays(5));
        Map<String, Object> euro = Fixtures.ticketType("Euro", 100);
        euro.put("currency", "EUR");
        mixed.put("ticketTypes", List.of(Fixtures.ticketType("Pound", 100), euro));
        assertThat(errorFields(api.post("/api/v1/events", owner.token(), mixed)))
                .containsExactly("ticketTypes[1].currency");

        Map<String, Object> negative = Fixtures.event(venueId, "Negative", Fixtures.inDays(5));
        Map<String, Object> type = Fixtures.ticketType("Bad", -1);
        type.put("quota", 0);
        negative.put("ticketTypes", List.of(type));
        assertThat(errorFields(api.post("/api/v1/events", owner.token(), negative)))
                .containsExactly("ticketTypes[0].priceCents", "ticketTypes[0].quota");

        Map<String, Object> badCategory = Fixtures.event(venueId, "Odd", Fixtures.inDays(5));
        badCategory.put("category", "KNITTING");
        assertThat(errorFields(api.post("/api/v1/events", owner.token(), badCategory)))
                .containsExactly("category");

        Map<String, Object> badDate = Fixtures.event(venueId, "Odd", Fixtures.inDays(5));
        badDate.put("startsAt", "next tuesday");
        assertThat(errorFields(api.post("/api/v1/events", owner.token(), badDate)))
                .containsExactly("startsAt");
    }

    @Test
    void eventsTakePlaceAtTheOrganizersOwnVenues() {
        Api.Account other = api.signUp("ORGANIZER");
        Api.Response response =
                api.post("/api/v1/events", other.token(), Fixtures.event(venueId, "Borrowed", Fixtures.inDays(5)));
        assertThat(response.status()).isEqualTo(403);

        Api.Response unknown = api.post(
                "/api/v1/events",
                owner.token(),
                Fixtures.event(UUID.randomUUID().toString(), "Nowhere", Fixtures.inDays(5)));
        assertThat(errorFields(unknown)).containsExactly("venueId");
    }

    @Test
    void onlyOrganizersCreateEvents() {
        Map<String, Object> body = Fixtures.event(venueId, "Nope", Fixtures.inDays(5));
        assertThat(api.post("/api/v1/events", null, body).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/events", api.signUp("ATTENDEE").token(), body)
                        .status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/events", api.token(ADMIN_EMAIL, ADMIN_PASSWORD), body)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void authorizesEveryEventWrite() {
        String admin = api.token(ADMIN_EMAIL, ADMIN_PASSWORD);
        String attendee = api.signUp("ATTENDEE").token();
        String otherOrganizer = api.signUp("ORGANIZER").token();

        // on a draft, outsiders cannot even see it exists
        String draft = "/api/v1/events/" + createEvent("Draft").get("id").asString();
        assertThat(api.patch(draft, null, Map.of("title", "x")).status()).isEqualTo(401);
        assertThat(api.patch(draft, attendee, Map.of("title", "x")).status()).isEqualTo(404);
        assertThat(api.patch(draft, otherOrganizer, Map.of("title", "x")).status())
                .isEqualTo(404);
        Api.Response anonymousPublish = api.post(draft + "/publish", null, null);
        assertThat(anonymousPublish.status()).isEqualTo(401);
        assertThat(anonymousPublish.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(api.post(draft + "/publish", otherOrganizer, null).status()).isEqualTo(404);
        assertThat(api.post(draft + "/publish", owner.token(), null).status()).isEqualTo(200);

        // once published, outsiders see it but may not change it
        assertThat(api.patch(draft, attendee, Map.of("title", "x")).status()).isEqualTo(403);
        assertThat(api.patch(draft, otherOrganizer, Map.of("title", "x")).status())
                .isEqualTo(403);
        assertThat(api.post(draft + "/cancel", null, null).status()).isEqualTo(401);
        assertThat(api.post(draft + "/cancel", attendee, null).status()).isEqualTo(403);
        assertThat(api.post(draft + "/cancel", otherOrganizer, null).status()).isEqualTo(403);
        assertThat(api.get(draft).json().get("title").asString()).isEqualTo("Draft");
        assertThat(api.patch(draft, owner.token(), Map.of("title", "By Owner")).status())
                .isEqualTo(200);
        assertThat(api.patch(draft, admin, Map.of("title", "By Admin")).status())
                .isEqualTo(200);
        assertThat(api.get(draft).json().get("title").asString()).isEqualTo("By Admin");

        String another = "/api/v1/events/" + createEvent("Another").get("id").asString();
        assertThat(api.post(another + "/publish", admin, null).status()).isEqualTo(200);
        assertThat(api.post(another + "/cancel", admin, null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
        assertThat(api.post(draft + "/cancel", owner.token(), null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void cancelledEventsAreFinal() {
        String path = "/api/v1/events/" + createEvent("Doomed").get("id").asString();
        assertThat(api.post(path + "/cancel", owner.token(), null).status()).isEqualTo(200);

        Api.Response patch = api.patch(path, owner.token(), Map.of("title", "Revived"));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(patch.json().get("type").asString()).endsWith("/event-cancelled");
        assertThat(api.post(path + "/publish", owner.token(), null).status()).isEqualTo(409);
        assertThat(api.post(path + "/cancel", owner.token(), null).status()).isEqualTo(409);
        assertThat(api.get(path).json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void publishingNeedsTicketTypes() {
        Map<String, Object> body = Fixtures.event(venueId, "Empty", Fixtures.inDays(5));
        body.put("ticketTypes", List.of());
        String id =
                api.post("/api/v1/events", owner.token(), body).json().get("id").asString();
        Api.Response publish = api.post("/api/v1/events/" + id + "/publish", owner.token(), null);
        assertThat(publish.status()).isEqualTo(409);
        assertThat(publish.json().get("type").asString()).endsWith("/not-publishable");
    }

    @Test
    void patchChangesFieldsAndTicketTypes() {
        JsonNode event = createEvent("Patchable");
        String id = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        Instant newStart = Fixtures.inDays(40);

        Api.Response patched = api.patch(
                "/api/v1/events/" + id,
                owner.token(),
                Map.of(
                        "description", "Now with more tests",
                        "startsAt", newStart.toString(),
                        "endsAt", newStart.plus(2, ChronoUnit.HOURS).toString(),
                        "ticketTypes",
                                List.of(
                                        Map.of("id", typeId, "priceCents", 3000, "quota", 150),
                                        Fixtures.ticketType("Late", 4000))));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        JsonNode changed = patched.json();
        assertThat(changed.get("title").asString()).isEqualTo("Patchable");
        assertThat(changed.get("description").asString()).isEqualTo("Now with more tests");
        assertThat(changed.get("startsAt").asString()).isEqualTo(newStart.toString());
        assertThat(changed.get("ticketTypes")).hasSize(2);
        assertThat(changed.get("ticketTypes").get(0).get("priceCents").asLong()).isEqualTo(3000);
        assertThat(changed.get("ticketTypes").get(0).get("quota").asInt()).isEqualTo(150);
        assertThat(changed.get("ticketTypes").get(1).get("name").asString()).isEqualTo("Late");

        Api.Response foreignType = api.patch(
                "/api/v1/events/" + id,
                owner.token(),
                Map.of("ticketTypes", List.of(Map.of("id", UUID.randomUUID().toString(), "quota", 5))));
        assertThat(errorFields(foreignType)).containsExactly("ticketTypes[0].id");
        assertThat(api.get("/api/v1/events/" + id, owner.token()).json().get("ticketTypes"))
                .hasSize(2);
    }

    @Test
    void listsTheOrganizersOwnEventsAPageAtATimeWithTheirTicketTypes() {
        String later = api.post("/api/v1/events", owner.token(), Fixtures.event(venueId, "Later", Fixtures.inDays(40)))
                .json()
                .get("id")
                .asString();
        String draft = createEvent("Mine").get("id").asString();
        Map<String, Object> twoTypes = Fixtures.event(venueId, "Soonest", Fixtures.inDays(5));
        twoTypes.put("ticketTypes", List.of(Fixtures.ticketType("Standard", 2500), Fixtures.ticketType("VIP", 9000)));
        String soonest = api.post("/api/v1/events", owner.token(), twoTypes)
                .json()
                .get("id")
                .asString();

        JsonNode first = api.get("/api/v1/me/events?limit=2", owner.token()).json();
        assertThat(ids(first)).containsExactly(soonest, draft);
        assertThat(first.get("items").get(0).get("ticketTypes").findValuesAsString("name"))
                .containsExactly("Standard", "VIP");
        assertThat(first.get("items").get(1).get("ticketTypes").findValuesAsString("name"))
                .containsExactly("Standard");
        JsonNode second = api.get(
                        "/api/v1/me/events?limit=2&cursor="
                                + first.get("nextCursor").asString(),
                        owner.token())
                .json();
        assertThat(ids(second)).containsExactly(later);
        assertThat(second.has("nextCursor") && !second.get("nextCursor").isNull())
                .isFalse();
        assertThat(api.get("/api/v1/me/events").status()).isEqualTo(401);
    }

    /** The ids of a page's items, in order. */
    private static List<String> ids(JsonNode page) {
        List<String> ids = new java.util.ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static List<String> errorFields(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        return response.json().get("errors").findValuesAsString("field");
    }
}
