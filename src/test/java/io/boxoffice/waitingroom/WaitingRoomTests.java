package io.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The waiting room over HTTP on a real PostgreSQL: places, the draw, admission at the set rate,
 * abandoned places skipped, sold out, and every way an admission or queue token can fail to hold.
 * Admission follows the application's clock, which the tests move; the node's tick runs each second.
 */
class WaitingRoomTests extends ApiTest {

    private static final Duration TICK_WAIT = Duration.ofSeconds(15);

    @Autowired
    private JdbcClient jdbc;

    private Api.Account organizer;
    private String venue;

    @BeforeEach
    void organizer() {
        organizer = api.signUp("ORGANIZER");
        venue = api.venueId(organizer.token(), "Queueville");
    }

    @Test
    void refusesOrdersWithoutAValidAdmissionAndChangesNothing() {
        JsonNode event = roomEvent(clock.instant(), 60, 100);
        String eventId = event.get("id").asString();
        Api.Account buyer = api.signUp("ATTENDEE");
        Api.Account other = api.signUp("ATTENDEE");
        JsonNode place = poll(eventId, buyer, null);
        poll(eventId, other, null);
        clock.advance(Duration.ofSeconds(3));
        JsonNode admitted = awaitState(eventId, buyer, place.get("queueToken").asString(), "ADMITTED");
        String admission = admitted.get("admissionToken").asString();
        JsonNode otherEvent = roomEvent(clock.instant(), 60, 100);
        Api.Account third = api.signUp("ATTENDEE");
        JsonNode thirdPlace = poll(otherEvent.get("id").asString(), third, null);

        assertRefused(order(event, buyer, null), "missing");
        assertRefused(order(event, buyer, "not-a-token"), "malformed");
        assertRefused(order(event, buyer, forged(admission)), "forged");
        assertRefused(order(event, other, admission), "other-account");
        clock.advance(Duration.ofSeconds(3));
        String thirdAdmission = awaitState(
                        otherEvent.get("id").asString(),
                        third,
                        thirdPlace.get("queueToken").asString(),
                        "ADMITTED")
                .get("admissionToken")
                .asString();
        assertRefused(order(event, third, thirdAdmission), "other-event");
        assertThat(held(eventId)).isZero();

        assertThat(order(event, buyer, admission).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(11));
        assertRefused(order(event, buyer, admission), "expired");
        assertThat(held(eventId)).isEqualTo(1);
    }

    @Test
    void refusesAForgedOrForeignQueueToken() {
        JsonNode event = roomEvent(clock.instant().plus(Duration.ofHours(1)), 60, 10);
        String eventId = event.get("id").asString();
        Api.Account buyer = api.signUp("ATTENDEE");
        Api.Account other = api.signUp("ATTENDEE");
        String token = poll(eventId, buyer, null).get("queueToken").asString();

        Api.Response forged =
                api.get("/api/v1/events/" + eventId + "/queue", buyer.token(), "Queue-Token", forged(token));
        Api.Response foreign = api.get("/api/v1/events/" + eventId + "/queue", other.token(), "Queue-Token", token);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().get("type").asString()).endsWith("/queue-token-refused");
        assertThat(forged.json().get("reason").asString()).isEqualTo("forged");
        assertThat(foreign.json().get("reason").asString()).isEqualTo("other-account");
        assertThat(arrivals(eventId)).isEqualTo(1);
    }

    @Test
    void refusesOrdersBeforeTheOnSale() {
        JsonNode event = roomEvent(clock.instant().plus(Duration.ofHours(1)), 60, 10);
        Api.Account buyer = api.signUp("ATTENDEE");

        Api.Response early = order(event, buyer, null);

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("type").asString()).endsWith("/sales-not-open");
    }

    @Test
    void aBuyerOnTenDevicesHoldsOnePlace() throws Exception {
        JsonNode event = roomEvent(clock.instant().plus(Duration.ofHours(1)), 60, 10);
        String eventId = event.get("id").asString();
        Api.Account buyer = api.signUp("ATTENDEE");
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            devices.add(api.token(buyer.email(), "password-" + buyer.email()));
        }
        List<Callable<JsonNode>> joins = new ArrayList<>();
        for (String device : devices) {
            joins.add(() -> {
                Api.Response joined = api.get("/api/v1/events/" + eventId + "/queue", device);
                assertThat(joined.status()).isEqualTo(200);
                return joined.json();
            });
        }
        Set<String> tokens = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<JsonNode> joined : pool.invokeAll(joins)) {
                assertThat(joined.get().get("state").asString()).isEqualTo("WAITING");
                tokens.add(joined.get().get("queueToken").asString().split("\\.")[1]);
            }
        }

        assertThat(arrivals(eventId)).isEqualTo(1);
        assertThat(tokens).hasSize(1); // the same place: the same signed payload on every device
    }

    @Test
    void boundsThePlacesOneAddressHolds() {
        String eventId = roomEvent(clock.instant().plus(Duration.ofHours(1)), 60, 10)
                .get("id")
                .asString();
        for (int i = 0; i < 20; i++) { // the default bound, and every test client is 127.0.0.1
            poll(eventId, api.signUp("ATTENDEE"), null);
        }

        Api.Response refused = api.get(
                "/api/v1/events/" + eventId + "/queue", api.signUp("ATTENDEE").token());

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("type").asString()).endsWith("/places-per-address");
        assertThat(refused.header("Retry-After")).isEqualTo("60");
        assertThat(arrivals(eventId)).isEqualTo(20);
    }

    @Test
    void skipsAbandonedPlacesWithoutSpendingTheRate() {
        Instant opensAt = clock.instant().plus(Duration.ofSeconds(100));
        JsonNode event = roomEvent(opensAt, 60, 100);
        String eventId = event.get("id").asString();
        Api.Account first = api.signUp("ATTENDEE");
        Api.Account gone = api.signUp("ATTENDEE");
        Api.Account third = api.signUp("ATTENDEE");
        String firstToken = poll(eventId, first, null).get("queueToken").asString();
        String goneToken = poll(eventId, gone, null).get("queueToken").asString();
        String thirdToken = poll(eventId, third, null).get("queueToken").asString();

        clock.advance(Duration.ofSeconds(95)); // three presence periods: nobody counts as here unless they poll
        poll(eventId, first, firstToken);
        poll(eventId, third, thirdToken);
        clock.advance(Duration.ofSeconds(8)); // three seconds of the on-sale at 1 a second: 3 admissions earned

        await().atMost(TICK_WAIT).until(() -> room(eventId).get("serving").equals(3));
        Map<String, Object> room = room(eventId);
        assertThat(room.get("admitted")).isEqualTo(2);
        assertThat(room.get("abandoned")).isEqualTo(1);
        awaitState(eventId, first, firstToken, "ADMITTED");
        awaitState(eventId, third, thirdToken, "ADMITTED");
        JsonNode back = poll(eventId, gone, goneToken);
        assertThat(back.get("state").asString()).isEqualTo("WAITING");
        assertThat(back.get("lapsed").asBoolean()).isTrue();
        assertThat(back.get("position").asInt()).isEqualTo(3); // a new place at the back
    }

    @Test
    void closesTheQueueWhenTheEventSellsOut() {
        JsonNode event = roomEvent(clock.instant(), 60, 2);
        String eventId = event.get("id").asString();
        Api.Account buyer = api.signUp("ATTENDEE");
        Api.Account behind = api.signUp("ATTENDEE");
        String buyerToken = poll(eventId, buyer, null).get("queueToken").asString();
        String behindToken = poll(eventId, behind, null).get("queueToken").asString();
        clock.advance(Duration.ofMillis(1_500)); // one admission earned, and one a second from then on

        String admission = awaitState(eventId, buyer, buyerToken, "ADMITTED")
                .get("admissionToken")
                .asString();
        assertThat(order(event, buyer, admission, 2).status()).isEqualTo(201);

        awaitState(eventId, behind, behindToken, "SOLD_OUT");
        JsonNode late = poll(eventId, api.signUp("ATTENDEE"), null);
        assertThat(late.get("state").asString()).isEqualTo("SOLD_OUT");
        assertThat(late.has("queueToken")).isFalse();
        assertThat(arrivals(eventId)).isEqualTo(2);
    }

    @Test
    void drawsEarlyArrivalsAtRandomAndQueuesLaterOnesInOrder() {
        Instant opensAt = clock.instant().plus(Duration.ofSeconds(30));
        JsonNode event = roomEvent(opensAt, 6000, 100);
        String eventId = event.get("id").asString();
        List<String> tokens = new ArrayList<>();
        List<Api.Account> buyers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Api.Account buyer = api.signUp("ATTENDEE");
            buyers.add(buyer);
            JsonNode early = poll(eventId, buyer, null);
            assertThat(early.has("position")).isFalse();
            assertThat(early.get("drawCommitment").asString()).hasSize(64);
            tokens.add(early.get("queueToken").asString());
        }
        clock.advance(Duration.ofSeconds(31));
        Api.Account late = api.signUp("ATTENDEE");
        JsonNode lateAnswer = poll(eventId, late, null);

        Set<Integer> places = new HashSet<>();
        List<Integer> inArrivalOrder = new ArrayList<>();
        for (int i = 0; i < buyers.size(); i++) {
            int position =
                    poll(eventId, buyers.get(i), tokens.get(i)).get("position").asInt();
            places.add(position);
            inArrivalOrder.add(position);
        }
        assertThat(places)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(0, 12).boxed().toList());
        assertThat(inArrivalOrder)
                .isNotEqualTo(java.util.stream.IntStream.range(0, 12).boxed().toList());
        assertThat(lateAnswer.get("position").asInt()).isEqualTo(12);
        String seed = poll(eventId, late, lateAnswer.get("queueToken").asString())
                .get("drawSeed")
                .asString();
        assertThat(Draw.commitment(java.util.HexFormat.of().parseHex(seed)))
                .isEqualTo(lateAnswer.get("drawCommitment").asString());
    }

    private JsonNode roomEvent(Instant opensAt, int admissionsPerMinute, int quota) {
        JsonNode event =
                api.publishedEvent(organizer.token(), venue, List.of(Fixtures.ticketType("Standing", 3000, quota)));
        Api.Response patched = api.patch(
                "/api/v1/events/" + event.get("id").asString(),
                organizer.token(),
                Map.of(
                        "onSale",
                        Map.of(
                                "at",
                                opensAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                                "waitingRoom",
                                true,
                                "admissionsPerMinute",
                                admissionsPerMinute,
                                "checkoutMinutes",
                                10)));
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.json().get("onSale").get("waitingRoom").asBoolean()).isTrue();
        return patched.json();
    }

    private JsonNode poll(String eventId, Api.Account buyer, String queueToken) {
        Api.Response answer = queueToken == null
                ? api.get("/api/v1/events/" + eventId + "/queue", buyer.token())
                : api.get("/api/v1/events/" + eventId + "/queue", buyer.token(), "Queue-Token", queueToken);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("Retry-After")).isNotNull();
        return answer.json();
    }

    private JsonNode awaitState(String eventId, Api.Account buyer, String queueToken, String state) {
        return await().atMost(TICK_WAIT)
                .until(
                        () -> poll(eventId, buyer, queueToken),
                        answer -> answer.get("state").asString().equals(state));
    }

    private Api.Response order(JsonNode event, Api.Account buyer, String admission) {
        return order(event, buyer, admission, 1);
    }

    private Api.Response order(JsonNode event, Api.Account buyer, String admission, int quantity) {
        List<String> headers = new ArrayList<>(
                List.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        if (admission != null) {
            headers.addAll(List.of("Admission-Token", admission));
        }
        return api.post(
                "/api/v1/orders", buyer.token(), Fixtures.order(event, quantity), headers.toArray(String[]::new));
    }

    private static void assertRefused(Api.Response response, String reason) {
        assertThat(response.status()).as(response.text()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).endsWith("/admission-required");
        assertThat(response.json().get("reason").asString()).isEqualTo(reason);
    }

    /** The token with one character of its signature changed. */
    private static String forged(String token) {
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    private int held(String eventId) {
        return jdbc.sql("select coalesce(sum(held), 0) from ticket_type where event_id = cast(:event as uuid)")
                .param("event", eventId)
                .query(Integer.class)
                .single();
    }

    private int arrivals(String eventId) {
        return jdbc.sql("select count(*) from waiting_room_place where event_id = cast(:event as uuid)")
                .param("event", eventId)
                .query(Integer.class)
                .single();
    }

    private Map<String, Object> room(String eventId) {
        return jdbc.sql("select serving, admitted, abandoned from waiting_room where event_id = cast(:event as uuid)")
                .param("event", eventId)
                .query()
                .singleRow();
    }
}
