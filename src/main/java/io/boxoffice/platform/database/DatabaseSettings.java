package io.boxoffice.platform.database;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Boxoffice spreads its database work over a primary and its streaming replicas.
 *
 * @param replicaUrls JDBC URLs of the replicas (env {@code BOXOFFICE_DATASOURCE_REPLICA_URLS}, comma-separated);
 *     a URL without {@code user=} connects with the primary's credentials
 * @param replicaPoolSize the most connections each node keeps to each replica
 * @param replicaConnectionTimeout how long a read waits for a replica connection before trying elsewhere
 * @param consistencyWait how long a request with a Consistency-Token waits for a replica to reach it
 *     before it reads from the primary instead
 * @param maxReplicaLag a replica further behind than this leaves the rotation until it catches up
 * @param pollInterval how often each replica's position, lag and health are measured
 * @param positionTtl how long a replica's measured position is trusted for a Consistency-Token check
 */
@Validated
@ConfigurationProperties("boxoffice.datasource")
public record DatabaseSettings(
        @DefaultValue List<String> replicaUrls,
        @DefaultValue("20") @Min(1) int replicaPoolSize,
        @DefaultValue("1s") @DurationMin(millis = 250) Duration replicaConnectionTimeout,
        @DefaultValue("50ms") @DurationMin(millis = 0) Duration consistencyWait,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration maxReplicaLag,
        @DefaultValue("1s") @DurationMin(millis = 10) Duration pollInterval,
        @DefaultValue("5ms") @DurationMin(millis = 0) Duration positionTtl) {

    public DatabaseSettings {
        replicaUrls = replicaUrls.stream()
                .map(String::strip)
                .filter(url -> !url.isEmpty())
                .toList();
    }
}
