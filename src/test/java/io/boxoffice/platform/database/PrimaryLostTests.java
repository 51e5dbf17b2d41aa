package io.boxoffice.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.support.ApiTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.jdbc.PgConnection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A pooled primary connection that finds its server read-only (SQLSTATE 25006: the server was
 * demoted to a replica by a failover, and a multi-host URL or a balancer had chosen it) empties
 * the whole pool, not just itself: every other pooled connection leads to the same server. The
 * demotion is played by one read-only transaction; the eviction is the same. Checked on the
 * driver's connections under the pool's wrappers, so it holds through PgBouncer too.
 */
class PrimaryLostTests extends ApiTest {

    @Autowired
    private HikariDataSource primaryPool;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aReadOnlyPrimaryEvictsEveryPooledConnection() throws SQLException {
        List<Connection> before = new ArrayList<>();
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Connection connection = primaryPool.getConnection();
            held.add(connection);
            before.add(connection.unwrap(PgConnection.class));
        }
        for (Connection connection : held) {
            connection.close(); // back to the pool, idle
        }
        double flushes = flushes();

        try (Connection demoted = primaryPool.getConnection();
                Statement statement = demoted.createStatement()) {
            before.add(demoted.unwrap(PgConnection.class));
            // for this transaction only: a session setting would outlive the test on a PgBouncer server connection
            demoted.setAutoCommit(false);
            statement.execute("set transaction read only");
            assertThatThrownBy(() -> statement.execute("create table demoted_primary_probe (id int)"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("25006"));
        }

        assertThat(flushes() - flushes).isEqualTo(1);
        await("the pooled connections closed")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(before)
                        .allSatisfy(physical -> assertThat(physical.isClosed()).isTrue()));
        // the pool goes on with new connections, which write
        try (Connection fresh = primaryPool.getConnection();
                Statement statement = fresh.createStatement()) {
            assertThat(before).doesNotContain(fresh.unwrap(PgConnection.class));
            statement.execute("select txid_current()");
        }
    }

    @Test
    void otherErrorsLeaveThePoolAlone() throws SQLException {
        double flushes = flushes();
        try (Connection connection = primaryPool.getConnection();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("select 1 / 0"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22012"));
        }
        assertThat(flushes()).isEqualTo(flushes);
    }

    private double flushes() {
        return meters.find("boxoffice.db.primary.pool.flushes").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
