package io.boxoffice.platform.observability;

import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

/**
 * The access log, log lines written off the request threads, and the readiness check of the
 * schema; the other health components live with what they check.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    /** Right inside the HTTP observation (order + 1), so the request's trace id is in scope. */
    @Bean
    @ConditionalOnProperty(name = "boxoffice.logging.access-log", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<AccessLog> accessLog() {
        FilterRegistrationBean<AccessLog> registration = new FilterRegistrationBean<>(new AccessLog());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Once the application has started, log lines leave request threads at once ({@link AsyncLogLines}). */
    @EventListener(ApplicationStartedEvent.class)
    void asyncLogLines() {
        AsyncLogLines.install(LoggerFactory.getILoggerFactory());
    }

    /** Component {@code migrations}, part of the readiness group. */
    @Bean
    MigrationsHealth migrationsHealthIndicator(ObjectProvider<Flyway> flyway) {
        return new MigrationsHealth(flyway);
    }
}
