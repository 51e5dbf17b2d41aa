package io.boxoffice.platform.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.platform.database.PositionedReads;
import io.boxoffice.platform.database.WritePositions;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The caches' shared parts: Redis when {@code spring.data.redis.url} is set, else LISTEN/NOTIFY. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    /**
     * Inside the request's observation, consistency token and rate limit; before compression (the
     * entry holds its compressed bodies, so a hit is never buffered to be compressed again), the
     * ETag filter, and long before Spring Security.
     */
    @Bean
    FilterRegistrationBean<CachedResponseFilter> cachedResponseFilter(CachedResponses responses) {
        FilterRegistrationBean<CachedResponseFilter> registration =
                new FilterRegistrationBean<>(new CachedResponseFilter(responses));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 790);
        registration.addUrlPatterns("/api/v1/events", "/api/v1/events/*", "/api/v1/venues/*");
        return registration;
    }

    @Bean
    CachedResponses cachedResponses(@Value("${boxoffice.http.compression-min-size:1KB}") DataSize compressionMinSize) {
        return new CachedResponses(compressionMinSize.toBytes());
    }

    /** Component {@code redis} of {@code /actuator/health}: DEGRADED, never DOWN, while Redis is away. */
    @Bean
    RedisHealth redisHealthIndicator(Caches caches) {
        return new RedisHealth(caches);
    }

    @Bean
    Caches caches(
            CacheSettings settings,
            PositionedReads reads,
            WritePositions positions,
            JsonMapper json,
            MeterRegistry meters,
            Clock clock,
            Ticker ticker,
            @Qualifier("primaryPool") HikariDataSource primaryPool,
            @Value("${spring.data.redis.url:}") String redisUrl) {
        if (!redisUrl.isBlank()) {
            return new Caches(
                    settings,
                    reads,
                    positions,
                    json,
                    meters,
                    new RedisTier(redisUrl, settings, meters),
                    null,
                    clock,
                    ticker);
        }
        String listenUrl = settings.listenUrl() == null || settings.listenUrl().isBlank()
                ? primaryPool.getJdbcUrl()
                : settings.listenUrl();
        PostgresBus bus = new PostgresBus(primaryPool, listenUrl, primaryPool.getUsername(), primaryPool.getPassword());
        return new Caches(settings, reads, positions, json, meters, null, bus, clock, ticker);
    }
}
