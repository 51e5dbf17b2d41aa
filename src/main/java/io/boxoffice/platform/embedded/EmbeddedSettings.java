package io.boxoffice.platform.embedded;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where Boxoffice keeps its state; the database cluster lives in {@code postgres/} below it
 * @param port the TCP port PostgreSQL listens on, 0 for any free port
 * @param durable whether every commit is flushed to disk (fsync); only test suites turn this off
 */
@ConfigurationProperties("boxoffice.embedded")
public record EmbeddedSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("true") boolean durable) {}
