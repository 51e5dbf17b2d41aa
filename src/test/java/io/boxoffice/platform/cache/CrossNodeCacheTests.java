package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two Boxoffice nodes on one database, each with its near cache: what one node changes, the other
 * serves within a second, and a stampede on a cold key costs one database load per node. The
 * subclasses run this over each invalidation transport (LISTEN/NOTIFY, Redis pub/sub).
 */
abstract class CrossNodeCacheTests extends ApiTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(1);
    private static ConfigurableApplicationContext secondNode;

    @Autowired
    private MeterRegistry meters;

    protected Api.Account organizer;
    protected String venueId;
    protected String city;

    /** Extra arguments of the second node (the Redis URL). */
    protected abstract List<String> nodeArguments();

    /** How many database loads two nodes make between them for one cold key. */
    protected abstract int databaseLoadsForTwoNodes();

    @BeforeEach
    void organizerWithVenue() {
        organizer = api.signUp("ORGANIZER");
        city = "Cachetown-" + UUID.randomUUID().toString().substring(0, 8);
        venueId = api.venueId(organizer.token(), city);
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    /** The second node; a client without cookies, so no Consistency-Token makes it reload. */
    protected Api second() {
        if (secondNode == null) {
            secondNode = startNode(nodeArguments().toArray(String[]::new));
        }
        return apiOf(secondNode);
    }

    protected String publishedEvent(String title, int quota) {
        String id = api.publishedEvent(
                        organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 3000, quota)))
                .get("id")
                .asString();
        api.patch("/api/v1/events/" + id, organizer.token(), Map.of("title", title));
        return id;
    }

    @Test
    void anEventChangedOnOneNodeIsServedChangedByTheOtherWithinASecond() throws Exception {
        String id = publishedEvent("Before", 10);
        Api other = second();
        assertThat(other.get("/api/v1/events/" + id).json().get("title").asString())
                .isEqualTo("Before");
        double loaded = loads(secondMeters(), "events", "database") + loads(secondMeters(), "events", "redis");
        assertThat(other.get("/api/v1/events/" + id).json().get("title").asString())
                .isEqualTo("Before");
        assertThat(loads(secondMeters(), "events", "database") + loads(secondMeters(), "events", "redis"))
                .as("the second read is served by the near cache")
                .isEqualTo(loaded);

        api.patch("/api/v1/events/" + id, organizer.token(), Map.of("title", "After"));
        awaitOn(
                other,
                "/api/v1/events/" + id,
                json -> json.get("title").asString().equals("After"));

        api.post("/api/v1/events/" + id + "/cancel", organizer.token(), null);
        awaitOn(
                other,
                "/api/v1/events/" + id,
                json -> json.get("status").asString().equals("CANCELLED"));
    }

    @Test
    void aVenueChangedOnOneNodeIsServedChangedWithItsEventsByTheOtherWithinASecond() throws Exception {
        String first = publishedEvent("At The Venue", 10);
        String second = publishedEvent("Also There", 10);
        Api other = second();
        for (String path :
                List.of("/api/v1/venues/" + venueId, "/api/v1/events/" + first, "/api/v1/events/" + second)) {
            assertThat(other.get(path).status()).isEqualTo(200);
        }

        api.patch("/api/v1/venues/" + venueId, organizer.token(), Map.of("name", "Renamed Hall"));
        awaitOn(
                other,
                "/api/v1/venues/" + venueId,
                json -> json.get("name").asString().equals("Renamed Hall"));
        for (String event : List.of(first, second)) {
            awaitOn(
                    other,
                    "/api/v1/events/" + event,
                    json -> json.get("venue").get("name").asString().equals("Renamed Hall"));
        }
    }

    @Test
    void aListingChangedOnOneNodeIsServedChangedByTheOtherWithinASecond() throws Exception {
        String first = publishedEvent("First Listed", 10);
        Api other = second();
        String listing = "/api/v1/events?city=" + city;
        assertThat(ids(other.get(listing).json())).containsExactly(first);

        String second = publishedEvent("Second Listed", 10);
        awaitOn(other, listing, json -> ids(json).contains(second));

        api.post("/api/v1/events/" + first + "/cancel", organizer.token(), null);
        awaitOn(other, listing, json -> !ids(json).contains(first));
    }

    @Test
    void aSaleOnOneNodeIsServedByTheOtherWithinASecond() throws Exception {
        String id = publishedEvent("On Sale", 10);
        Api other = second();
        String path = "/api/v1/events/" + id + "/availability";
        assertThat(available(other.get(path).json())).isEqualTo(10);

        JsonNode event = api.get("/api/v1/events/" + id).json();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        Api.Account buyer = api.signUp("ATTENDEE");
        assertThat(api.post(
                                "/api/v1/orders",
                                buyer.token(),
                                Fixtures.order(id, typeId, 3),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .status())
                .isEqualTo(201);
        awaitOn(other, path, json -> available(json) == 7);
    }

    @Test
    void fiveHundredConcurrentReadsOfAColdKeyLoadItOncePerNode() throws Exception {
        String id = publishedEvent("Cold Key", 10);
        Api other = second();
        Api first = new Api(api.base());
        MeterRegistry secondMeters = secondMeters();
        double firstBefore = loads(meters, "events", "database") + loads(meters, "events", "redis");
        double secondBefore = loads(secondMeters, "events", "database") + loads(secondMeters, "events", "redis");
        double databaseBefore = loads(meters, "events", "database") + loads(secondMeters, "events", "database");

        List<Integer> statuses = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                Api node = i % 2 == 0 ? first : other;
                answers.add(clients.submit(() -> {
                    start.await();
                    return node.get("/api/v1/events/" + id).status();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses).hasSize(500).allMatch(status -> status == 200);
        assertThat(loads(meters, "events", "database") + loads(meters, "events", "redis") - firstBefore)
                .as("loads into the first node's near cache")
                .isEqualTo(1);
        assertThat(loads(secondMeters, "events", "database") + loads(secondMeters, "events", "redis") - secondBefore)
                .as("loads into the second node's near cache")
                .isEqualTo(1);
        assertThat(loads(meters, "events", "database") + loads(secondMeters, "events", "database") - databaseBefore)
                .as("database loads of both nodes")
                .isEqualTo(databaseLoadsForTwoNodes());
    }

    protected MeterRegistry secondMeters() {
        second();
        return secondNode.getBean(MeterRegistry.class);
    }

    protected MeterRegistry firstMeters() {
        return meters;
    }

    protected static double loads(MeterRegistry registry, String cache, String source) {
        return registry.get("boxoffice.cache.loads")
                .tag("cache", cache)
                .tag("source", source)
                .counter()
                .count();
    }

    /** Polls {@code path} on {@code node} until {@code seen} holds; fails after the propagation bound. */
    @Test
    void anAccountErasedOnOneNodeHasItsTokenRefusedByTheOtherWithinASecond() throws Exception {
        Api.Account attendee = api.signUp("ATTENDEE");
        Api other = second();
        assertThat(other.get("/api/v1/me", attendee.token()).status()).isEqualTo(200);
        assertThat(other.get("/api/v1/me", attendee.token()).status())
                .as("the answer is kept on the node")
                .isEqualTo(200);

        assertThat(api.delete("/api/v1/me", attendee.token()).status()).isEqualTo(204);

        awaitStatus(() -> other.get("/api/v1/me", attendee.token()).status(), 401);
    }

    @Test
    void aRoleGivenOrTakenOnOneNodeCountsOnTheOtherWithinASecond() throws Exception {
        Api.Account attendee = api.signUp("ATTENDEE");
        String admin = api.token(ADMIN_EMAIL, ADMIN_PASSWORD);
        Api other = second();
        assertThat(other.post("/api/v1/venues", attendee.token(), Fixtures.venue(city))
                        .status())
                .isEqualTo(403);

        assertThat(setRoles(admin, attendee.id(), "ATTENDEE", "ORGANIZER")).isEqualTo(200);
        // the token issued before the change is the same; what it may do follows the account
        awaitStatus(
                () -> other.post("/api/v1/venues", attendee.token(), Fixtures.venue(city))
                        .status(),
                201);

        assertThat(setRoles(admin, attendee.id(), "ATTENDEE")).isEqualTo(200);
        awaitStatus(
                () -> other.post("/api/v1/venues", attendee.token(), Fixtures.venue(city))
                        .status(),
                403);
    }

    private int setRoles(String admin, String accountId, String... roles) {
        return api.send(api.builder("/api/v1/admin/accounts/" + accountId + "/roles", admin)
                        .header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                Api.JSON.writeValueAsString(Map.of("roles", List.of(roles))))))
                .status();
    }

    private static void awaitStatus(java.util.function.IntSupplier request, int expected) {
        await("status " + expected + " on the other node within " + PROPAGATION)
                .atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(10))
                .until(request::getAsInt, status -> status == expected);
    }

    private static void awaitOn(Api node, String path, Predicate<JsonNode> seen) {
        await("served by the other node within " + PROPAGATION)
                .atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(10))
                .until(
                        () -> {
                            Api.Response response = node.get(path);
                            assertThat(response.status()).isEqualTo(200);
                            return response.json();
                        },
                        seen);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static int available(JsonNode availability) {
        return availability.get("ticketTypes").get(0).get("available").asInt();
    }
}
