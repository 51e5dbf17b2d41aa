package io.boxoffice.catalog;

import io.boxoffice.platform.jdbc.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The venue table. */
@Repository
class Venues {

    static final String COLUMNS = """
            v.id, v.organizer_id, v.name, v.address, v.city, v.country_code,
            v.latitude, v.longitude, v.time_zone, v.capacity, v.created_at, v.updated_at""";

    private final JdbcClient jdbc;

    Venues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Venue venue) {
        jdbc.sql("""
                        insert into venue (organizer_id, id, name, address, city, city_key, country_code,
                                           latitude, longitude, time_zone, capacity, created_at, updated_at)
                        values (:organizerId, :id, :name, :address, :city, :cityKey, :countryCode,
                                :latitude, :longitude, :timeZone, :capacity, :createdAt, :updatedAt)
                        """).params(params(venue)).update();
    }

    void update(Venue venue) {
        jdbc.sql("""
                        update venue
                           set name = :name, address = :address, city = :city, city_key = :cityKey,
                               country_code = :countryCode, latitude = :latitude, longitude = :longitude,
                               time_zone = :timeZone, capacity = :capacity, updated_at = :updatedAt
                         where organizer_id = :organizerId and id = :id
                        """).params(params(venue)).update();
    }

    Optional<Venue> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from venue v where v.id = :id")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** Venues in id order after {@code after}, in one city or everywhere; fetches {@code limit} rows. */
    List<Venue> page(@Nullable String city, @Nullable UUID after, int limit) {
        String where = (city == null ? "true" : "v.city_key = :cityKey") + (after == null ? "" : " and v.id > :after");
        return jdbc.sql("select " + COLUMNS + " from venue v where " + where + " order by v.id limit :limit")
                .param("cityKey", city == null ? null : cityKey(city))
                .param("after", after)
                .param("limit", limit)
                .query((rs, n) -> map(rs))
                .list();
    }

    List<Venue> ownedBy(UUID organizerId) {
        return jdbc.sql("select " + COLUMNS + " from venue v where v.organizer_id = :organizerId order by v.id")
                .param("organizerId", organizerId)
                .query((rs, n) -> map(rs))
                .list();
    }

    /** The case-insensitive key a city is matched by. */
    static String cityKey(String city) {
        return city.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> params(Venue venue) {
        Map<String, Object> params = new HashMap<>();
        params.put("organizerId", venue.organizerId());
        params.put("id", venue.id());
        params.put("name", venue.name());
        params.put("address", venue.address());
        params.put("city", venue.city());
        params.put("cityKey", cityKey(venue.city()));
        params.put("countryCode", venue.countryCode());
        params.put("latitude", venue.latitude());
        params.put("longitude", venue.longitude());
        params.put("timeZone", venue.timeZone());
        params.put("capacity", venue.capacity());
        params.put("createdAt", Timestamps.utc(venue.createdAt()));
        params.put("updatedAt", Timestamps.utc(venue.updatedAt()));
        return params;
    }

    static Venue map(ResultSet rs) throws SQLException {
        return new Venue(
                rs.getObject("id", UUID.class),
                rs.getObject("organizer_id", UUID.class),
                rs.getString("name"),
                rs.getString("address"),
                rs.getString("city"),
                rs.getString("country_code"),
                rs.getDouble("latitude"),
                rs.getDouble("longitude"),
                rs.getString("time_zone"),
                rs.getInt("capacity"),
                Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"));
    }
}
