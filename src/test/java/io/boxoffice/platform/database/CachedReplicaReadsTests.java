package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The caches on a node whose two replicas apply the primary's WAL a full second late. A cached
 * value records the position it was read at: a change evicts it, and the reload must reach the
 * change's position, so a lagging replica cannot put the old value back, with a token or without;
 * unchanged values are served without touching the database.
 */
class CachedReplicaReadsTests {

    @AutoClose
    private static final ReplicaNode node = ReplicaNode.onNewCluster(true, "--delay", "1s");

    private static final Api api = node.api();

    @Test
    void noReadAfterAChangeIsServedTheValueFromBeforeIt() throws Exception {
        // with the writer's token, and without one (another client of this node)
        ReplicaNode.ReadBacks readBacks = node.renameAndReadBack(
                4,
                100,
                (path, written) -> List.of(
                        api.get(path, null, "Consistency-Token", written.header("Consistency-Token")), api.get(path)));
        assertThat(readBacks.checked()).isEqualTo(800);
        assertThat(readBacks.stale()).isZero();
    }

    @Test
    void anUnchangedValueIsServedWithoutReadingTheDatabase() {
        String eventId = newEvent();
        node.awaitOnReplicas(eventId);
        api.get("/api/v1/events/" + eventId);
        double before = node.reads("replica") + node.reads("primary");
        for (int i = 0; i < 50; i++) {
            assertThat(api.get("/api/v1/events/" + eventId).status()).isEqualTo(200);
        }
        assertThat(node.reads("replica") + node.reads("primary")).isEqualTo(before);
    }

    private static String newEvent() {
        return node.newEvent();
    }
}
