package io.boxoffice.fuzz;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The world the fuzzer works in: accounts of every role, a venue, a published and a draft event, a
 * held and a paid order, and their ids, so that generated requests reach real resources, not only
 * 404s. Ids of accounts the fuzzer signs in as are left out: it must not erase or demote them.
 */
final class Fixture {

    private final String secret;
    private final Api.Account attendee;
    private final Api.Account organizer;
    private final Api.Account otherOrganizer;
    private final String admin;
    private final List<String> ids = new ArrayList<>();
    private final List<String> words = new ArrayList<>(List.of("jazz", "Vienna", "MUSIC", "test_ok", "Standard"));

    private Fixture(String secret, Api api) {
        this.secret = secret;
        attendee = api.signUp("ATTENDEE");
        organizer = api.signUp("ORGANIZER");
        otherOrganizer = api.signUp("ORGANIZER");
        admin = api.token(ApiTest.ADMIN_EMAIL, ApiTest.ADMIN_PASSWORD);
        JsonNode venue = api.post("/api/v1/venues", organizer.token(), Fixtures.venue("Fuzzburg"))
                .json();
        ids.add(venue.get("id").asString());
        for (int i = 0; i < 2; i++) {
            JsonNode event = api.publishedEvent(
                    organizer.token(),
                    venue.get("id").asString(),
                    List.of(Fixtures.ticketType("Standard", 2500, 100_000), Fixtures.ticketType("Free", 0, 100_000)));
            ids.add(event.get("id").asString());
            event.get("ticketTypes").forEach(type -> ids.add(type.get("id").asString()));
            String orderId = api.post(
                            "/api/v1/orders",
                            attendee.token(),
                            Fixtures.order(
                                    event.get("id").asString(),
                                    event.get("ticketTypes").get(0).get("id").asString(),
                                    2))
                    .json()
                    .get("id")
                    .asString();
            ids.add(orderId);
        }
        ids.add(api.post(
                        "/api/v1/events",
                        organizer.token(),
                        Fixtures.event(venue.get("id").asString(), "Draft", Fixtures.inDays(30)))
                .json()
                .get("id")
                .asString());
        String paid = ids.get(ids.size() - 2);
        JsonNode tickets = api.post(
                        "/api/v1/orders/" + paid + "/pay", attendee.token(), Map.of("paymentMethod", "test_ok"))
                .json()
                .get("tickets");
        tickets.forEach(ticket -> words.add(ticket.get("code").asString()));
    }

    /** Creates the fixture through the API of a node whose token secret is {@code secret}. */
    static Fixture create(Api api, String secret) {
        return new Fixture(secret, api);
    }

    /** Ids of real resources (venue, events, ticket types, orders), for ids in paths and bodies. */
    List<String> ids() {
        return ids;
    }

    /** Words that mean something to the API (a city, a category, a ticket code...). */
    List<String> words() {
        return words;
    }

    /** The bearer token {@code caller} sends, or null for none. */
    @Nullable
    String token(Callers.Kind caller) {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        return switch (caller) {
            case ANONYMOUS -> null;
            case ATTENDEE -> attendee.token();
            case ORGANIZER -> organizer.token();
            case OTHER_ORGANIZER -> otherOrganizer.token();
            case ADMIN -> admin;
            case FORGED ->
                Callers.token(
                        "another-secret-of-at-least-thirty-two-bytes",
                        Callers.claims("boxoffice", organizer.id(), inAnHour));
            case EXPIRED ->
                Callers.token(
                        secret,
                        Callers.claims(
                                "boxoffice", organizer.id(), Instant.now().minusSeconds(3600)));
            case UNKNOWN_ACCOUNT ->
                Callers.token(secret, Callers.claims("boxoffice", Callers.randomAccount(), inAnHour));
            case WRONG_ISSUER -> Callers.token(secret, Callers.claims("elsewhere", organizer.id(), inAnHour));
            case UNSIGNED -> Callers.unsigned(organizer.id());
            case GARBAGE -> "not.a.token";
        };
    }
}
