package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas that apply the primary's WAL a full second late: a client that sends back its
 * Consistency-Token always sees its own write, and reads without a token still go to the replicas
 * (where, a second behind, they do see the past). The caches are off: this is the routing alone;
 * CachedReplicaReadsTests has them on.
 */
class ReadYourWritesTests {

    @AutoClose
    private static final ReplicaNode node = ReplicaNode.onNewCluster(false, "--delay", "1s");

    private static final Api api = node.api();

    @Test
    void aThousandWritesAreEachReadBackWithTheirToken() throws Exception {
        ReplicaNode.ReadBacks readBacks = node.renameAndReadBack(8, 125, (path, written) -> {
            String token = written.header("Consistency-Token");
            assertThat(token).isNotBlank();
            assertThat(written.header("Set-Cookie")).startsWith("Consistency-Token=" + token + ";");
            return List.of(api.get(path, null, "Consistency-Token", token));
        });
        assertThat(readBacks.checked()).isEqualTo(1000);
        assertThat(readBacks.stale()).isZero();
    }

    @Test
    void readsWithoutATokenAreServedByTheLaggingReplicas() {
        String eventId = newEvent();
        node.awaitOnReplicas(eventId);
        double byReplicas = 0;
        double byPrimary = 0;
        int staleReads = 0;
        for (int i = 0; i < 20; i++) {
            String title = "Untokened #" + i;
            assertThat(api.patch("/api/v1/events/" + eventId, node.organizer(), Map.of("title", title))
                            .status())
                    .isEqualTo(200);
            double replicaBefore = node.reads("replica");
            double primaryBefore = node.reads("primary");
            Api.Response read = api.get("/api/v1/events/" + eventId);
            byReplicas += node.reads("replica") - replicaBefore;
            byPrimary += node.reads("primary") - primaryBefore;
            assertThat(read.status()).isEqualTo(200);
            if (!read.json().get("title").asString().equals(title)) {
                staleReads++;
            }
        }
        assertThat(byReplicas).isGreaterThanOrEqualTo(20);
        assertThat(byPrimary).isZero();
        // the replicas really are a second behind: what the token protects against happens without it
        assertThat(staleReads).isPositive();
    }

    @Test
    void aTokenTheReplicasHaveReachedIsServedByAReplica() {
        String eventId = newEvent();
        Api.Response written = api.patch("/api/v1/events/" + eventId, node.organizer(), Map.of("title", "Settled"));
        String token = written.header("Consistency-Token");
        node.awaitReplayed(token);
        double replicaBefore = node.reads("replica");
        Api.Response read = api.get("/api/v1/events/" + eventId, null, "Consistency-Token", token);
        assertThat(read.json().get("title").asString()).isEqualTo("Settled");
        assertThat(node.reads("replica") - replicaBefore).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theCookieCarriesTheTokenWhenTheHeaderIsAbsent() {
        String eventId = newEvent();
        for (int i = 0; i < 20; i++) {
            String title = "Cookie #" + i;
            Api.Response written = api.patch("/api/v1/events/" + eventId, node.organizer(), Map.of("title", title));
            String cookie = written.header("Set-Cookie").split(";")[0];
            Api.Response read = api.get("/api/v1/events/" + eventId, null, "Cookie", cookie);
            assertThat(read.json().get("title").asString()).isEqualTo(title);
        }
    }

    @Test
    void aMalformedTokenIsRefusedWithAProblem() {
        Api.Response read = api.get("/api/v1/events", null, "Consistency-Token", "not-a-position");
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.json().get("type").asString()).endsWith("/invalid-consistency-token");
    }

    @Test
    void theMetricsAreExportedForPrometheus() {
        String metrics = node.management().get("/actuator/prometheus").text();
        assertThat(metrics)
                .contains("boxoffice_db_reads_total{target=\"replica\"}")
                .contains("boxoffice_db_reads_total{target=\"primary\"}")
                .contains("boxoffice_db_replica_lag_seconds{replica=\"replica1\"}")
                .contains("boxoffice_db_replica_lag_bytes{replica=\"replica2\"}")
                .contains("boxoffice_db_replica_available{replica=\"replica1\"} 1")
                .contains("boxoffice_db_replica_available{replica=\"replica2\"} 1");
    }

    @Test
    void aBuyerSeesTheirOrderAtEachStepWithTheTokenOfTheStepBefore() throws Exception {
        String eventId = newEvent();
        JsonNode event = api.get("/api/v1/events/" + eventId, null, "Consistency-Token", eventToken(eventId))
                .json();
        String buyer = api.signUp("ATTENDEE").token();
        for (int i = 0; i < 20; i++) {
            // the hold is written by the reservation batcher, on another thread: its token comes from the batch
            Api.Response placed = api.post("/api/v1/orders", buyer, Fixtures.order(event, 1));
            assertThat(placed.status()).as(placed.text()).isEqualTo(201);
            String path = "/api/v1/orders/" + placed.json().get("id").asString();
            Api.Response held = api.get(path, buyer, "Consistency-Token", placed.header("Consistency-Token"));
            assertThat(held.status()).as(held.text()).isEqualTo(200);
            assertThat(held.json().get("status").asString()).isEqualTo("PENDING");

            Api.Response paid = api.post(path + "/pay", buyer, Map.of("paymentMethod", "test_ok"));
            Api.Response confirmed = api.get(path, buyer, "Consistency-Token", paid.header("Consistency-Token"));
            assertThat(confirmed.json().get("status").asString()).isEqualTo("CONFIRMED");
        }
        // a write without a body (204) carries its token too
        Api.Response erased = api.delete("/api/v1/me", buyer);
        assertThat(erased.status()).isEqualTo(204);
        assertThat(erased.header("Consistency-Token")).isNotBlank();
    }

    /** A token at or after the event's creation, from a write that follows it. */
    private static String eventToken(String eventId) {
        return api.patch("/api/v1/events/" + eventId, node.organizer(), Map.of("description", "Read your writes"))
                .header("Consistency-Token");
    }

    private static String newEvent() {
        return node.newEvent();
    }
}
