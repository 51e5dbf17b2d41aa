package io.boxoffice.platform.observability;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness: every migration this node's code ships is applied to the database. Once they all
 * are, the answer cannot change (migrations are never undone), so it is remembered and later
 * checks cost nothing.
 */
final class MigrationsHealth implements HealthIndicator {

    private final ObjectProvider<Flyway> flyway;
    private volatile @Nullable String appliedVersion;

    MigrationsHealth(ObjectProvider<Flyway> flyway) {
        this.flyway = flyway;
    }

    @Override
    public Health health() {
        String applied = appliedVersion;
        if (applied != null) {
            return Health.up().withDetail("version", applied).build();
        }
        Flyway migrations = flyway.getIfAvailable();
        if (migrations == null) {
            return Health.unknown()
                    .withDetail("reason", "migrations are not run by Boxoffice")
                    .build();
        }
        MigrationInfoService info = migrations.info();
        MigrationInfo[] pending = info.pending();
        MigrationInfo current = info.current();
        String version = current == null ? "none" : current.getVersion().getVersion();
        if (pending.length > 0) {
            return Health.down()
                    .withDetail("version", version)
                    .withDetail("pending", pending.length)
                    .build();
        }
        appliedVersion = version;
        return Health.up().withDetail("version", version).build();
    }
}
