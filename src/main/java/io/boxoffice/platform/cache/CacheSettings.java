package io.boxoffice.platform.cache;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cache tiers' settings. The Redis tier is on when {@code spring.data.redis.url} is set.
 *
 * @param redisTimeout how long one Redis command may take before it counts as a failure
 * @param leaseTime how long the node that won a key's load lease may take before another node loads it
 * @param leaseWait how long a node that lost the lease polls Redis for the winner's value before
 *     loading the key itself
 * @param breakerOpenFor how long the Redis circuit breaker stays open before it lets calls probe again
 * @param listenUrl a direct JDBC URL to the primary for LISTEN when there is no Redis (a pooler in
 *     transaction mode cannot hold a LISTEN); by default the primary's own URL
 */
@ConfigurationProperties("boxoffice.cache")
public record CacheSettings(
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("2s") Duration leaseTime,
        @DefaultValue("300ms") Duration leaseWait,
        @DefaultValue("2s") Duration breakerOpenFor,
        @Nullable String listenUrl) {}
