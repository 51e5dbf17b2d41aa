package io.boxoffice.platform.ratelimit;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.platform.web.ProblemWriter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Wires the rate limits: the bucket store, the access-list filter and the limiting filter. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    /** A bucket's row lives this long past the moment it would be full again, then may be removed. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);

    /** Where the buckets live, and how to remove the ones nobody used for a while. */
    record Store(ProxyManager<String> buckets, ExpiredEntriesCleaner cleaner, AutoCloseable resources)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    @Bean(destroyMethod = "close")
    Store rateLimitStore(
            RateLimitSettings settings,
            HikariDataSource primaryPool,
            Clock clock,
            @Value("${boxoffice.rate-limit.redis-url:${spring.data.redis.url:}}") String redisUrl) {
        boolean redis = switch (settings.store()) {
            case REDIS -> true;
            case POSTGRES -> false;
            case AUTO -> !redisUrl.isBlank();
        };
        if (redis) {
            if (redisUrl.isBlank()) {
                throw new IllegalStateException(
                        "boxoffice.rate-limit.store=redis needs boxoffice.rate-limit.redis-url or spring.data.redis.url");
            }
            RedisClient client = RedisClient.create(redisUrl);
            var store = Bucket4jLettuce.casBasedBuilder(client)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                    .clientClock(SharedBuckets.timeMeter(clock))
                    .requestTimeout(Duration.ofMillis(500))
                    .build();
            log.info("Rate limits are kept in Redis");
            ProxyManager<String> buckets =
                    store.withMapper(key -> ("boxoffice:ratelimit:" + key).getBytes(StandardCharsets.UTF_8));
            return new Store(buckets, batch -> 0, client::shutdown); // Redis expires keys itself
        }
        var store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(primaryPool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .clientClock(SharedBuckets.timeMeter(clock))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        log.info("Rate limits are kept in PostgreSQL");
        return new Store(store, store, () -> {});
    }

    @Bean
    RateLimitMetrics rateLimitMetrics(MeterRegistry meters) {
        return new RateLimitMetrics(meters);
    }

    @Bean
    SharedBuckets sharedBuckets(Store store, Clock clock, RateLimitSettings settings, MeterRegistry meters) {
        return new SharedBuckets(store.buckets(), clock, settings.prefetch(), meters);
    }

    @Bean
    RateLimits rateLimits(SharedBuckets buckets, RateLimitSettings settings, RateLimitMetrics metrics, Store store) {
        return new RateLimits(buckets, settings, metrics, store.cleaner());
    }

    @Bean
    FilterRegistrationBean<AccessListFilter> accessListFilter(
            RateLimitSettings settings, ProblemWriter problems, RateLimitMetrics metrics) {
        AccessListFilter filter = new AccessListFilter(
                new ClientAddresses(
                        settings.trustedProxies().stream().map(Cidr::parse).toList()),
                settings.deny().stream().map(Cidr::parse).toList(),
                settings.allow().stream().map(Cidr::parse).toList(),
                problems,
                metrics);
        FilterRegistrationBean<AccessListFilter> registration = new FilterRegistrationBean<>(filter);
        // after tracing (so a refusal has a trace id), before everything else of Boxoffice's
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 500);
        return registration;
    }

    @Bean
    ConcurrencyLimits concurrencyLimits() {
        return new ConcurrencyLimits();
    }

    /** Requests without a bearer token: anonymous, by address, ahead of the response cache. */
    @Bean
    FilterRegistrationBean<RateLimitFilter> anonymousRateLimitFilter(
            SharedBuckets buckets,
            ConcurrencyLimits concurrency,
            RateLimitSettings settings,
            RateLimitMetrics metrics,
            ProblemWriter problems) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(false, buckets, concurrency, settings, metrics, problems));
        registration.setName("anonymousRateLimitFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 510);
        return registration;
    }

    /** Requests with a bearer token: the security chain runs this one once the token is verified. */
    @Bean
    RateLimitFilter bearerRateLimitFilter(
            SharedBuckets buckets,
            ConcurrencyLimits concurrency,
            RateLimitSettings settings,
            RateLimitMetrics metrics,
            ProblemWriter problems) {
        return new RateLimitFilter(true, buckets, concurrency, settings, metrics, problems);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> bearerRateLimitFilterOutsideTheChain(
            RateLimitFilter bearerRateLimitFilter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(bearerRateLimitFilter);
        registration.setEnabled(false);
        return registration;
    }
}
