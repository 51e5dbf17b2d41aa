package io.boxoffice.platform.cache;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cache tiers' settings. The Redis tier is on when {@code spring.data.redis.url} is set.
 *
 * @param enabled false to read through to the database every time (to measure the database alone)
 * @param redisTimeout how long one Redis command may take before it counts as a failure
 * @param leaseTime how long the node that won a key's load lease may take before another node loads it
 * @param leaseWait the longest a node that lost the lease polls Redis for the winner's value (it
 *     stops sooner when the lease is released without one) before loading the key itself
 * @param breakerOpenFor how long the Redis circuit breaker stays open before it lets calls probe again
 * @param listenUrl a direct JDBC URL to the primary for LISTEN when there is no Redis (a pooler in
 *     transaction mode cannot hold a LISTEN); by default the primary's own URL
 * @param backgroundReloads how many entries past their fresh time the node reloads at once; a
 *     reload asked for beyond that is skipped (the entry is served as it is and reloaded on a later
 *     read), so refreshing many short-lived entries never queues on the connection pool ahead of
 *     requests, whose waiting there sheds browsing
 */
@Validated
@ConfigurationProperties("boxoffice.cache")
public record CacheSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("250ms") @DurationMin(millis = 1) Duration redisTimeout,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration leaseTime,
        @DefaultValue("2s") @DurationMin(millis = 0) Duration leaseWait,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration breakerOpenFor,
        @Nullable String listenUrl,
        @DefaultValue("4") @Min(1) int backgroundReloads) {}
