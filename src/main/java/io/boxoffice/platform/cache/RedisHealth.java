package io.boxoffice.platform.cache;

import io.boxoffice.platform.observability.Degraded;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Component {@code redis}: UP while the shared tier answers, DEGRADED while it does not (each
 * node serves from its near cache and the database, and invalidations wait for its return).
 */
final class RedisHealth implements HealthIndicator {

    private final Caches caches;

    RedisHealth(Caches caches) {
        this.caches = caches;
    }

    @Override
    public Health health() {
        RedisTier redis = caches.redis();
        if (redis == null) {
            return Health.up()
                    .withDetail("redis", "not configured: invalidations travel by LISTEN/NOTIFY")
                    .build();
        }
        if (redis.ping()) {
            return Health.up().withDetail("breaker", redis.breakerState()).build();
        }
        return Health.status(Degraded.STATUS)
                .withDetail("breaker", redis.breakerState())
                .withDetail("serving", "near caches and the database")
                .build();
    }
}
