package io.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.LocalCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The cluster as {@code bin/cluster} runs it, from the packaged jar (a failsafe test: it runs in
 * {@code verify}, after {@code package}): HAProxy with TLS over two web nodes and a worker, over
 * PgBouncer, a primary and a replica, and Redis. Nodes leave under load, gracefully and not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private LocalCluster cluster;
    private Api api;
    private String eventId;
    private String ticketTypeId;
    private String organizer;

    @BeforeAll
    void up() {
        Path jar = Path.of(System.getProperty("boxoffice.jar", "target/boxoffice-0.1.0-SNAPSHOT.jar"));
        cluster = LocalCluster.up(
                Path.of("target", "cluster-it", UUID.randomUUID().toString()),
                jar,
                // every request of the test comes from one address: limits are RateLimitTests' subject
                Map.of("BOXOFFICE_RATE_LIMIT_ENABLED", "false", "BOXOFFICE_DEMO_DATA", "false"),
                "--nodes",
                "2",
                "--workers",
                "1",
                "--replicas",
                "1",
                "--redis");
        api = cluster.http();
        organizer = api.signUp("ORGANIZER").token();
        String venueId = api.venueId(organizer, "Clusterville");
        JsonNode event =
                api.publishedEvent(organizer, venueId, List.of(Fixtures.ticketType("General", 2500, 1_000_000)));
        eventId = event.get("id").asString();
        ticketTypeId = event.get("ticketTypes").get(0).get("id").asString();
    }

    @AfterAll
    void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void servesTheWholeFlowOverHttpsThroughTheBalancerFromBothWebNodes() {
        Api tls = cluster.https();
        Api.Account buyer = tls.signUp("ATTENDEE");
        assertThat(tls.get("/api/v1/events/" + eventId).status()).isEqualTo(200);

        Api.Response order = tls.post(
                "/api/v1/orders",
                buyer.token(),
                Fixtures.order(eventId, ticketTypeId, 2),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(order.status()).isEqualTo(201);
        String orderId = order.json().get("id").asString();
        Api.Response paid =
                tls.post("/api/v1/orders/" + orderId + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"));
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.json().get("tickets")).hasSize(2);
        String code = paid.json().get("tickets").get(0).get("code").asString();

        Api.Response checkin = tls.post("/api/v1/checkins", organizer, Map.of("code", code));
        assertThat(checkin.status()).isEqualTo(200);
        assertThat(tls.post("/api/v1/checkins", organizer, Map.of("code", code)).status())
                .isEqualTo(409);
        // a write on one node, read back through the balancer on whichever node, replica or not:
        // the Consistency-Token makes it see its write
        assertThat(tls.get(
                                "/api/v1/orders/" + orderId,
                                buyer.token(),
                                "Consistency-Token",
                                paid.header("Consistency-Token"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");

        // least connections spreads the requests: both web nodes answered some
        for (int i = 0; i < 40; i++) {
            assertThat(api.get("/api/v1/events/" + eventId).status()).isEqualTo(200);
        }
        Map<String, Map<String, String>> stats = cluster.haproxyStats();
        assertThat(Long.parseLong(stats.get("web1").get("hrsp_2xx"))).isPositive();
        assertThat(Long.parseLong(stats.get("web2").get("hrsp_2xx"))).isPositive();
        // workers serve no API and are not behind the balancer
        assertThat(stats).doesNotContainKey("worker1");
    }

    @Test
    @Order(1)
    void metricsAndHealthDetailsAreNotReachableThroughTheBalancerButAreOnEachNodesManagementPort() {
        for (Api balancer : List.of(api, cluster.https())) {
            for (String operational :
                    List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator")) {
                Api.Response refused = balancer.get(operational);
                assertThat(refused.status()).as(operational).isEqualTo(404);
                assertThat(refused.text()).doesNotContain("boxoffice_").doesNotContain("jvm_");
            }
            // the probes the balancer and an orchestrator use still answer on the public port
            assertThat(balancer.get("/readyz").status()).isEqualTo(200);
            assertThat(balancer.get("/livez").status()).isEqualTo(200);
        }
        for (String node : List.of("web1", "web2", "worker1")) {
            assertThat(cluster.management(node).get("/actuator/prometheus").text())
                    .as(node)
                    .contains("boxoffice_");
            assertThat(cluster.management(node)
                            .get("/actuator/health/readiness")
                            .status())
                    .as(node)
                    .isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aRollingRestartUnderLoadFailsNoRequest() throws Exception {
        Map<String, Long> before = pids();
        Load load = new Load(6, false).start();
        load.awaitAcknowledged(10, "orders before the restart");
        String output = cluster.run("rolling-restart", "--settle", "5");
        load.awaitAcknowledged(10, "orders after the restart");
        load.stop();

        Map<String, Long> after = pids();
        for (String node : before.keySet()) {
            assertThat(after.get(node)).as(node + " was restarted").isNotEqualTo(before.get(node));
        }
        System.out.printf(
                "rolling restart: %d requests, %d orders acknowledged, %d failed%n%s%n",
                load.requests.get(), load.acknowledged.size(), load.failures.size(), output);
        assertThat(load.failures).as("failed requests during:\n" + output).isEmpty();
        assertThat(load.requests.get()).isGreaterThan(200);
        assertThat(load.acknowledged).hasSizeGreaterThan(20);
        assertEveryAcknowledgedOrderExistsOnce(load);
    }

    @Test
    @Order(3)
    void aKilledNodeLosesNoAcknowledgedOrderAndRetriesMakeNoDuplicates() throws Exception {
        Load load = new Load(8, true).start();
        load.awaitAcknowledged(10, "orders before the kill");
        cluster.run("kill", "web1");
        await("HAProxy sees web1 down")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.haproxyStats().get("web1").get("status").startsWith("DOWN"));
        load.awaitAcknowledged(20, "orders with web1 down");
        load.stop();

        Map<String, String> backend = cluster.haproxyStats().get("BACKEND");
        System.out.printf(
                "node killed: %d requests, %d orders acknowledged; HAProxy retried %s, redispatched %s%n",
                load.requests.get(), load.acknowledged.size(), backend.get("wretr"), backend.get("wredis"));
        assertThat(load.failures).as("requests that failed for good").isEmpty();
        assertThat(load.acknowledged).hasSizeGreaterThan(20);
        assertEveryAcknowledgedOrderExistsOnce(load);
        // every acknowledged order can be read back through the balancer
        for (Map.Entry<String, Acknowledged> entry : load.acknowledged.entrySet()) {
            assertThat(api.get(
                                    "/api/v1/orders/" + entry.getValue().orderId(),
                                    entry.getValue().buyerToken())
                            .status())
                    .isEqualTo(200);
        }

        cluster.run("start", "web1");
        await("web1 back in HAProxy")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.haproxyStats().get("web1").get("status"), "UP"::equals);
    }

    /** Exactly one order per acknowledged key, none unacknowledged beyond retries in flight. */
    private void assertEveryAcknowledgedOrderExistsOnce(Load load) throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.primaryUrl(), "boxoffice", "")) {
            for (Map.Entry<String, Acknowledged> entry : load.acknowledged.entrySet()) {
                try (PreparedStatement statement =
                        connection.prepareStatement("select count(*) from orders where id = ?::uuid")) {
                    statement.setString(1, entry.getValue().orderId());
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        assertThat(rows.getInt(1))
                                .as("order of key " + entry.getKey())
                                .isEqualTo(1);
                    }
                }
            }
            // no order beyond the acknowledged ones: each key made one order, however often it was sent
            try (PreparedStatement statement =
                    connection.prepareStatement("select count(*) from orders where buyer_id = any (?::uuid[])")) {
                statement.setArray(1, connection.createArrayOf("uuid", load.buyerIds.toArray()));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(load.acknowledged.size());
                }
            }
        }
    }

    private Map<String, Long> pids() {
        return Map.of("web1", cluster.pid("web1"), "web2", cluster.pid("web2"), "worker1", cluster.pid("worker1"));
    }

    record Acknowledged(String orderId, String buyerToken) {}

    /**
     * Buyers through the balancer, each in a loop: read the event and its availability, place a
     * one-ticket order with an Idempotency-Key, pay it, now and then sign in again. With
     * {@code retrying}, a failed order is sent again with the same key (as a client SDK does)
     * until it is answered; without, every failure counts.
     */
    private final class Load {

        private final int buyers;
        private final boolean retrying;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger requests = new AtomicInteger();
        private final Queue<String> failures = new ConcurrentLinkedQueue<>();
        private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
        private final Queue<String> buyerIds = new ConcurrentLinkedQueue<>();
        private final List<Thread> threads = new ArrayList<>();

        Load(int buyers, boolean retrying) {
            this.buyers = buyers;
            this.retrying = retrying;
        }

        Load start() {
            for (int i = 0; i < buyers; i++) {
                Api.Account buyer = api.signUp("ATTENDEE");
                buyerIds.add(buyer.id());
                threads.add(Thread.ofPlatform().name("buyer-" + i).start(() -> buy(buyer)));
            }
            return this;
        }

        /** Waits while the load runs until {@code more} orders more than now are acknowledged. */
        void awaitAcknowledged(int more, String what) {
            int target = acknowledged.size() + more;
            await(what).atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= target);
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(120));
            }
        }

        private void buy(Api.Account buyer) {
            Api client = cluster.http();
            String password = "password-" + buyer.email();
            for (int round = 0; running.get(); round++) {
                expect(client, 200, () -> client.get("/api/v1/events/" + eventId));
                expect(client, 200, () -> client.get("/api/v1/events/" + eventId + "/availability"));
                String key = UUID.randomUUID().toString();
                Api.Response order = send(() -> client.post(
                        "/api/v1/orders",
                        buyer.token(),
                        Fixtures.order(eventId, ticketTypeId, 1),
                        "Idempotency-Key",
                        key));
                for (int attempt = 0;
                        retrying && attempt < 100 && (order == null || order.status() >= 500);
                        attempt++) {
                    pause(200);
                    order = send(() -> client.post(
                            "/api/v1/orders",
                            buyer.token(),
                            Fixtures.order(eventId, ticketTypeId, 1),
                            "Idempotency-Key",
                            key));
                }
                if (order == null || order.status() != 201) {
                    failures.add("order: " + describe(order));
                    continue;
                }
                acknowledged.put(key, new Acknowledged(order.json().get("id").asString(), buyer.token()));
                if (!retrying) {
                    String orderId = order.json().get("id").asString();
                    expect(
                            client,
                            200,
                            () -> client.post(
                                    "/api/v1/orders/" + orderId + "/pay",
                                    buyer.token(),
                                    Map.of("paymentMethod", "test_ok"),
                                    "Idempotency-Key",
                                    UUID.randomUUID().toString()));
                    if (round % 10 == 0) { // a POST without a key: never retried by the balancer
                        expect(
                                client,
                                200,
                                () -> client.post(
                                        "/api/v1/auth/token",
                                        null,
                                        Map.of("email", buyer.email(), "password", password)));
                    }
                }
                pause(20);
            }
        }

        private void expect(Api client, int status, java.util.function.Supplier<Api.Response> request) {
            Api.Response response = send(request);
            if (response == null || response.status() != status) {
                failures.add(describe(response));
            }
        }

        private Api.Response send(java.util.function.Supplier<Api.Response> request) {
            requests.incrementAndGet();
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (!retrying) {
                    failures.add(e.toString());
                }
                return null;
            }
        }

        private String describe(Api.Response response) {
            return response == null ? "no answer" : response.status() + " " + response.text();
        }

        /** A buyer's pace and retry backoff: what the load does, not a wait for a condition. */
        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
