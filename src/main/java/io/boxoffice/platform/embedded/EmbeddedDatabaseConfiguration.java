package io.boxoffice.platform.embedded;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Runs Boxoffice on its own PostgreSQL when no external database is configured (the embedded
 * default); the primary pool connects to it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(EmbeddedSettings settings) {
        return EmbeddedPostgresServer.start(settings);
    }
}
