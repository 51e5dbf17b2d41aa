package io.boxoffice.platform.database;

import io.boxoffice.platform.observability.Degraded;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Component {@code db}, part of readiness: UP while the primary answers; DEGRADED (still ready)
 * while it does not but a replica in the read rotation does, as during a failover: the node goes
 * on serving what replicas can (event pages, listings, searches) while writes get a 503 to retry,
 * instead of every node leaving the balancer at once; DOWN when neither answers. With replicas,
 * it reads what the health poll last saw (a check never waits for a dead primary's connection
 * timeout, longer than a balancer's check); without, it asks the primary.
 */
final class DatabaseHealth implements HealthIndicator {

    private static final int TIMEOUT_SECONDS = 1;

    private final DataSource primary;
    private final ReplicaSet replicas;
    private final long answeredWithinNanos;

    DatabaseHealth(DataSource primary, ReplicaSet replicas, DatabaseSettings settings) {
        this.primary = primary;
        this.replicas = replicas;
        // three polls missed: one slow poll on a busy machine is not a lost primary
        this.answeredWithinNanos = Math.max(
                settings.pollInterval().multipliedBy(3).toNanos(),
                Duration.ofSeconds(3).toNanos());
    }

    @Override
    public Health health() {
        if (!replicas.isEmpty()) {
            if (replicas.primaryAnsweredWithin(answeredWithinNanos)) {
                return Health.up().withDetail("primary", "answers").build();
            }
            return withoutPrimary("no answer to the health poll");
        }
        String failure;
        try (Connection connection = primary.getConnection()) {
            if (connection.isValid(TIMEOUT_SECONDS)) {
                return Health.up().withDetail("primary", "answers").build();
            }
            failure = "no answer within " + TIMEOUT_SECONDS + " s";
        } catch (SQLException | RuntimeException e) {
            failure = e.getMessage();
        }
        return withoutPrimary(failure);
    }

    private Health withoutPrimary(String failure) {
        long inRotation = replicas.all().stream().filter(Replica::available).count();
        Health.Builder health = inRotation > 0 ? Health.status(Degraded.STATUS) : Health.down();
        return health.withDetail("primary", "unreachable: " + failure)
                .withDetail("replicasInRotation", inRotation)
                .build();
    }
}
