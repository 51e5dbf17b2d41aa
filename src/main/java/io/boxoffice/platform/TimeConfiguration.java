package io.boxoffice.platform;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the one {@link Clock} every module reads time from, and the Caffeine {@link Ticker}
 * every expiring in-memory cache ages its entries by, read from that clock: a test that moves the
 * clock expires entries instead of sleeping until they expire.
 */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // PostgreSQL keeps microseconds: ticking in microseconds makes a value read back equal the one written.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * The clock's time in nanoseconds. It follows the wall clock (a cache entry could live longer
     * than its lifetime if the system clock were stepped back), which the caches' freshness, shared
     * across nodes as epoch times, follows anyway.
     */
    @Bean
    @ConditionalOnMissingBean
    Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
