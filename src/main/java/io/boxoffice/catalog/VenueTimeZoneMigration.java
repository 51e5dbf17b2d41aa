package io.boxoffice.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 13: every venue gets the IANA time zone of its coordinates, and every listed event its
 * venue's zone and the local day it starts on (what the search page's dates mean). The zones come
 * from the polygons in Java, so this migration is code, not SQL; Spring Boot hands it to Flyway
 * beside {@code db/migration}.
 */
@Component
class VenueTimeZoneMigration implements JavaMigration {

    private static final int BATCH = 1_000;

    private final TimeZones zones;

    VenueTimeZoneMigration(TimeZones zones) {
        this.zones = zones;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("13");
    }

    @Override
    public String getDescription() {
        return "venue time zones";
    }

    @Override
    public Integer getChecksum() {
        return 13_001;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table venue add column time_zone text");
            ddl.execute("alter table event_listing add column time_zone text, add column starts_on date");
        }
        try (Statement select = connection.createStatement();
                PreparedStatement update = connection.prepareStatement(
                        "update venue set time_zone = ? where organizer_id = ? and id = ?")) {
            select.setFetchSize(BATCH);
            ResultSet rs = select.executeQuery("select organizer_id, id, latitude, longitude from venue");
            int pending = 0;
            while (rs.next()) {
                update.setString(
                        1,
                        zones.at(rs.getDouble("latitude"), rs.getDouble("longitude"))
                                .getId());
                update.setObject(2, rs.getObject("organizer_id", UUID.class));
                update.setObject(3, rs.getObject("id", UUID.class));
                update.addBatch();
                if (++pending % BATCH == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table venue alter column time_zone set not null");
            statement.execute(
                    "update event_listing l set time_zone = v.time_zone from venue v where v.id = l.venue_id");
        }
        try (Statement select = connection.createStatement();
                PreparedStatement update =
                        connection.prepareStatement("update event_listing set starts_on = ? where event_id = ?")) {
            select.setFetchSize(BATCH);
            ResultSet rs = select.executeQuery("select event_id, starts_at, time_zone from event_listing");
            int pending = 0;
            while (rs.next()) {
                OffsetDateTime startsAt = rs.getObject("starts_at", OffsetDateTime.class);
                update.setObject(1, LocalDate.ofInstant(startsAt.toInstant(), ZoneId.of(rs.getString("time_zone"))));
                update.setObject(2, rs.getObject("event_id", UUID.class));
                update.addBatch();
                if (++pending % BATCH == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table event_listing alter column time_zone set not null,"
                    + " alter column starts_on set not null");
        }
    }
}
