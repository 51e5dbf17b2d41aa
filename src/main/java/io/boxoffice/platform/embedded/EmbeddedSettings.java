package io.boxoffice.platform.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir where Boxoffice keeps its state; the database cluster lives in {@code postgres/} below it
 * @param port the TCP port PostgreSQL listens on, 0 for any free port
 * @param durable whether every commit is flushed to disk (fsync); only test suites turn this off
 */
@Validated
@ConfigurationProperties("boxoffice.embedded")
public record EmbeddedSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("0") @Min(0) @Max(65_535) int port,
        @DefaultValue("true") boolean durable) {}
