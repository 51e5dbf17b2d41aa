package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Lag in seconds is measured by positions: how long ago the primary passed what the replica has replayed. */
@Tag("fast")
class PrimaryPositionsTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aReplicaThatReplayedEverySampleHasNoLag() {
        PrimaryPositions primary = new PrimaryPositions(10 * SECOND);
        long now = System.nanoTime();
        primary.record(now - 3 * SECOND, new Lsn(100));
        primary.record(now - 2 * SECOND, new Lsn(100)); // an idle primary: the position stays
        assertThat(primary.nanosBehind(new Lsn(100))).isZero();
        assertThat(primary.bytesBehind(new Lsn(100))).isZero();
    }

    @Test
    void lagIsTheAgeOfTheFirstPositionNotReplayed() {
        PrimaryPositions primary = new PrimaryPositions(10 * SECOND);
        long now = System.nanoTime();
        primary.record(now - 4 * SECOND, new Lsn(100));
        primary.record(now - 3 * SECOND, new Lsn(200));
        primary.record(now - 1 * SECOND, new Lsn(300));

        long behind = primary.nanosBehind(new Lsn(150));
        assertThat(behind).isBetween(3 * SECOND, 4 * SECOND);
        assertThat(primary.bytesBehind(new Lsn(150))).isEqualTo(150);
        assertThat(primary.nanosBehind(new Lsn(250))).isBetween(SECOND, 2 * SECOND);
        assertThat(primary.nanosBehind(null)).isGreaterThanOrEqualTo(4 * SECOND);
    }

    @Test
    void forgetsOldSamplesButNotHowLateAStuckReplicaIs() {
        PrimaryPositions primary = new PrimaryPositions(2 * SECOND);
        long now = System.nanoTime();
        primary.record(now - 5 * SECOND, new Lsn(100));
        primary.record(now - 4 * SECOND, new Lsn(200));
        primary.record(now, new Lsn(300));
        // the sample of 5 s ago is gone; the one of 4 s ago is kept as the window's floor
        assertThat(primary.nanosBehind(new Lsn(50))).isBetween(4 * SECOND, 5 * SECOND);
        assertThat(primary.nanosBehind(new Lsn(150))).isBetween(4 * SECOND, 5 * SECOND);
        assertThat(primary.nanosBehind(new Lsn(250))).isLessThan(SECOND);
        assertThat(primary.bytesBehind(new Lsn(250))).isEqualTo(50);
    }
}
