package io.boxoffice.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.Boxoffice;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration 13 on a database that already has venues and listed events: a node upgrading it gives
 * each venue the zone of its coordinates and each listed event its local start day.
 */
class VenueTimeZoneMigrationTests {

    private static EmbeddedPostgres database;

    @BeforeAll
    static void startDatabase() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", "migration-" + UUID.randomUUID()));
        database = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        database.close();
    }

    @Test
    void upgradingGivesExistingVenuesTheirZonesAndListedEventsTheirLocalDays() {
        Flyway.configure()
                .dataSource(database.getPostgresDatabase())
                .locations("classpath:db/migration")
                .target("12")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(database.getPostgresDatabase());
        UUID organizer = UUID.randomUUID();
        jdbc.sql("""
                        insert into account (id, email, password_hash, display_name, roles, created_at)
                        values (:id, 'old@example.com', 'x', 'Old', '{ORGANIZER}', now())
                        """).param("id", organizer).update();
        UUID vienna = venue(jdbc, organizer, "Vienna", 48.2082, 16.3738);
        UUID honolulu = venue(jdbc, organizer, "Honolulu", 21.3069, -157.8583);
        UUID atSea = venue(jdbc, organizer, "Mid-Atlantic", 30.0, -40.0);
        // 23:30 on 1 March in Vienna is 22:30 UTC; 20:00 on 1 March in Honolulu is 06:00 UTC on the 2nd
        UUID late = listed(jdbc, organizer, vienna, "2027-03-01T22:30:00Z");
        UUID evening = listed(jdbc, organizer, honolulu, "2027-03-02T06:00:00Z");

        ConfigurableApplicationContext node = new SpringApplicationBuilder(Boxoffice.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + database.getPort() + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=unused",
                        "--boxoffice.payments.test-provider-allowed=true");
        try {
            Map<UUID, String> zones = jdbc
                    .sql("select id, time_zone from venue")
                    .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("time_zone")))
                    .list()
                    .stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertThat(zones)
                    .containsEntry(vienna, "Europe/Vienna")
                    .containsEntry(honolulu, "Pacific/Honolulu")
                    .containsEntry(atSea, "Etc/GMT+3");
            assertThat(startsOn(jdbc, late)).isEqualTo(LocalDate.parse("2027-03-01"));
            assertThat(startsOn(jdbc, evening)).isEqualTo(LocalDate.parse("2027-03-01"));
            List<Boolean> nullable = jdbc.sql("""
                            select is_nullable = 'YES' from information_schema.columns
                             where (table_name, column_name) in (('venue', 'time_zone'), ('event_listing', 'time_zone'),
                                                                 ('event_listing', 'starts_on'))
                            """).query(Boolean.class).list();
            assertThat(nullable).containsExactly(false, false, false);
        } finally {
            node.close();
        }
    }

    private static UUID venue(JdbcClient jdbc, UUID organizer, String city, double latitude, double longitude) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into venue (organizer_id, id, name, address, city, city_key, country_code,
                                           latitude, longitude, capacity, created_at, updated_at)
                        values (:organizer, :id, 'Old Hall', '1 Old Street', :city, lower(:city), 'XX',
                                :latitude, :longitude, 100, now(), now())
                        """)
                .param("organizer", organizer)
                .param("id", id)
                .param("city", city)
                .param("latitude", latitude)
                .param("longitude", longitude)
                .update();
        return id;
    }

    private static UUID listed(JdbcClient jdbc, UUID organizer, UUID venue, String startsAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into event_listing (event_id, organizer_id, title, description, category, starts_at,
                                                   ends_at, venue_id, venue_name, city, city_key, country_code,
                                                   latitude, longitude)
                        select :id, organizer_id, 'Old Show', 'Before zones', 'MUSIC', :startsAt::timestamptz,
                               :startsAt::timestamptz + interval '2 hours', id, name, city, city_key, country_code,
                               latitude, longitude
                          from venue where id = :venue
                        """)
                .param("id", id)
                .param("startsAt", startsAt)
                .param("venue", venue)
                .update();
        return id;
    }

    private static LocalDate startsOn(JdbcClient jdbc, UUID eventId) {
        return jdbc.sql("select starts_on from event_listing where event_id = :id")
                .param("id", eventId)
                .query(LocalDate.class)
                .single();
    }
}
