package io.boxoffice.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the one {@link Clock} every module reads time from, so tests can move it. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // PostgreSQL keeps microseconds: ticking in microseconds makes a value read back equal the one written.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
