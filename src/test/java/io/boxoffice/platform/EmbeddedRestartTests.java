package io.boxoffice.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default as a user runs it, in separate JVMs: demo data on first start, every write
 * kept across a SIGKILL of the JVM (its PostgreSQL left running), and a graceful stop that drains.
 */
class EmbeddedRestartTests {

    private static final Duration START = Duration.ofSeconds(180);

    private final Path dataDir = Path.of("target", "test-data", "restart-" + UUID.randomUUID());
    private final List<NodeProcess> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (NodeProcess node : nodes) {
            if (node.process().isAlive()) {
                node.terminate();
                if (!node.process().waitFor(60, TimeUnit.SECONDS)) {
                    node.kill();
                }
            }
        }
    }

    private NodeProcess start(String... extra) throws Exception {
        Files.createDirectories(dataDir);
        List<String> arguments = new ArrayList<>(List.of("--boxoffice.embedded.data-dir=" + dataDir));
        arguments.addAll(List.of(extra));
        NodeProcess node = NodeProcess.start(dataDir.resolve("node.log"), arguments.toArray(String[]::new));
        nodes.add(node);
        return node.awaitReady(START);
    }

    @Test
    void keepsEveryWriteAcrossAHardKillAndDrainsOnAGracefulStop() throws Exception {
        NodeProcess first = start();
        Api api = first.api();

        // first start of the embedded default: demo data and its accounts
        assertThat(count(api, "/api/v1/venues")).isEqualTo(50);
        assertThat(count(api, "/api/v1/events")).isEqualTo(2000);
        api.token("organizer@demo.boxoffice.test", "demo-organizer");

        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Killtown");
        String eventId = api.post(
                        "/api/v1/events", organizer.token(), Fixtures.event(venueId, "Survivor", Fixtures.inDays(9)))
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/events/" + eventId + "/publish", organizer.token(), null)
                        .status())
                .isEqualTo(200);

        String buyer = api.token("attendee@demo.boxoffice.test", "demo-attendee");
        String ticketType = api.get("/api/v1/events/" + eventId)
                .json()
                .get("ticketTypes")
                .get(0)
                .get("id")
                .asString();
        Api.Response order = api.post("/api/v1/orders", buyer, Fixtures.order(eventId, ticketType, 2));
        assertThat(order.status()).isEqualTo(201);
        String orderId = order.json().get("id").asString();

        first.kill();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("the JVM died without stopping its PostgreSQL")
                .isTrue();

        NodeProcess second = start("--boxoffice.shutdown.drain-delay=3s");
        Api again = second.api();
        assertThat(again.get("/api/v1/events/" + eventId).json().get("status").asString())
                .isEqualTo("PUBLISHED");
        assertThat(again.get("/api/v1/venues/" + venueId).status()).isEqualTo(200);
        // an order acknowledged with 201 before the kill is still there, its tickets still held
        assertThat(again.get("/api/v1/orders/" + orderId, buyer)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
        assertThat(again.get("/api/v1/events/" + eventId + "/availability")
                        .json()
                        .get("ticketTypes")
                        .get(0)
                        .get("available")
                        .asInt())
                .isEqualTo(98);
        // the signing key survived too: a token issued before the kill still works
        assertThat(again.get("/api/v1/me", organizer.token()).status()).isEqualTo(200);
        // demo data is not loaded twice
        assertThat(count(again, "/api/v1/venues")).isEqualTo(51);
        assertThat(again.get("/api/v1/events?city=Killtown").json().get("items"))
                .hasSize(1);

        second.terminate();
        assertThat(readinessWentDown(second))
                .as("readiness DOWN while draining")
                .isTrue();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                .as("a graceful stop also stops PostgreSQL")
                .isFalse();
    }

    private static boolean readinessWentDown(NodeProcess node) {
        await("readiness DOWN, or the process gone")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !node.process().isAlive() || node.readinessStatus() == 503);
        // still serving other requests while draining
        return node.process().isAlive() && node.api().get("/livez").status() == 200;
    }

    private static int count(Api api, String path) {
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = api.get(path + "?limit=100" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            count += page.get("items").size();
            cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
        } while (cursor != null);
        return count;
    }
}
