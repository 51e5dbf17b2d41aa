package io.boxoffice.platform.cache;

import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.platform.database.PositionedReads;
import io.boxoffice.platform.database.WritePositions;
import io.micrometer.core.instrument.MeterRegistry;
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

    /** Right after the caching headers, before the ETag filter and long before Spring Security. */
    @Bean
    FilterRegistrationBean<CachedResponseFilter> cachedResponseFilter(Caches caches) {
        FilterRegistrationBean<CachedResponseFilter> registration =
                new FilterRegistrationBean<>(new CachedResponseFilter(caches));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1015);
        registration.addUrlPatterns("/api/v1/events", "/api/v1/events/*", "/api/v1/venues/*");
        return registration;
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
            @Qualifier("primaryPool") HikariDataSource primaryPool,
            @Value("${spring.data.redis.url:}") String redisUrl,
            @Value("${boxoffice.http.compression-min-size:1KB}") DataSize compressionMinSize) {
        if (!redisUrl.isBlank()) {
            return new Caches(
                    settings,
                    reads,
                    positions,
                    json,
                    meters,
                    new RedisTier(redisUrl, settings, meters),
                    null,
                    compressionMinSize.toBytes());
        }
        String listenUrl = settings.listenUrl() == null || settings.listenUrl().isBlank()
                ? primaryPool.getJdbcUrl()
                : settings.listenUrl();
        PostgresBus bus = new PostgresBus(primaryPool, listenUrl, primaryPool.getUsername(), primaryPool.getPassword());
        return new Caches(settings, reads, positions, json, meters, null, bus, compressionMinSize.toBytes());
    }
}
