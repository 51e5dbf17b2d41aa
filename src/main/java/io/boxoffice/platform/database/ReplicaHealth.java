package io.boxoffice.platform.database;

import io.boxoffice.platform.observability.Degraded;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Component {@code replicas}: UP while every replica is in the read rotation, DEGRADED while any
 * is out (too far behind or unreachable; its reads go to the others or to the primary). It reads
 * what the replica monitor last saw, so a check touches no database.
 */
final class ReplicaHealth implements HealthIndicator {

    private final ReplicaSet replicas;

    ReplicaHealth(ReplicaSet replicas) {
        this.replicas = replicas;
    }

    @Override
    public Health health() {
        if (replicas.all().isEmpty()) {
            return Health.up()
                    .withDetail("replicas", "none configured: reads go to the primary")
                    .build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        boolean all = true;
        for (Replica replica : replicas.all()) {
            all &= replica.available();
            details.put(
                    replica.name(),
                    Map.of(
                            "inRotation",
                            replica.available(),
                            "lagSeconds",
                            replica.lagSeconds(),
                            "lagBytes",
                            replica.lagBytes()));
        }
        return Health.status(all ? Status.UP : Degraded.STATUS)
                .withDetails(details)
                .build();
    }
}
