package io.boxoffice.search;

import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.TicketType;
import io.boxoffice.catalog.Venue;
import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.web.Cursors;
import io.boxoffice.platform.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The event_listing table: kept in step with the catalog, and queried for listing pages. */
@Repository
class Listings {

    private static final String COLUMNS = """
            event_id, title, category, starts_at, ends_at, venue_id, venue_name, city, country_code,
            latitude, longitude, time_zone, min_price_cents, currency""";

    private final JdbcClient jdbc;

    Listings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(Event event) {
        Venue venue = event.venue();
        TicketType cheapest = event.ticketTypes().stream()
                .min(Comparator.comparingLong(TicketType::priceCents))
                .orElse(null);
        jdbc.sql("""
                        insert into event_listing (event_id, organizer_id, title, description, category, starts_at,
                                                   ends_at, venue_id, venue_name, city, city_key, country_code,
                                                   latitude, longitude, time_zone, starts_on, min_price_cents,
                                                   currency)
                        values (:id, :organizerId, :title, :description, :category, :startsAt, :endsAt, :venueId,
                                :venueName, :city, :cityKey, :countryCode, :latitude, :longitude, :timeZone,
                                :startsOn, :minPrice, :currency)
                        on conflict (event_id) do update
                           set title = excluded.title, description = excluded.description,
                               category = excluded.category, starts_at = excluded.starts_at,
                               ends_at = excluded.ends_at, venue_id = excluded.venue_id,
                               venue_name = excluded.venue_name, city = excluded.city,
                               city_key = excluded.city_key, country_code = excluded.country_code,
                               latitude = excluded.latitude, longitude = excluded.longitude,
                               time_zone = excluded.time_zone, starts_on = excluded.starts_on,
                               min_price_cents = excluded.min_price_cents, currency = excluded.currency
                        """)
                .param("id", event.id())
                .param("organizerId", event.organizerId())
                .param("title", event.title())
                .param("description", event.description())
                .param("category", event.category().name())
                .param("startsAt", Timestamps.utc(event.startsAt()))
                .param("endsAt", Timestamps.utc(event.endsAt()))
                .param("venueId", venue.id())
                .param("venueName", venue.name())
                .param("city", venue.city())
                .param("cityKey", cityKey(venue.city()))
                .param("countryCode", venue.countryCode())
                .param("latitude", venue.latitude())
                .param("longitude", venue.longitude())
                .param("timeZone", venue.timeZone())
                .param("startsOn", LocalDate.ofInstant(event.startsAt(), venue.zone()))
                .param("minPrice", cheapest == null ? null : cheapest.priceCents())
                .param("currency", cheapest == null ? null : cheapest.currency())
                .update();
    }

    void delete(UUID eventId) {
        jdbc.sql("delete from event_listing where event_id = :id")
                .param("id", eventId)
                .update();
    }

    /** Copies a venue's fields to its listed events; a new time zone moves their local start days. */
    void updateVenue(Venue venue) {
        List<Starts> moved = jdbc.sql("""
                        select event_id, starts_at from event_listing
                         where venue_id = :id and time_zone <> :timeZone
                        """)
                .param("id", venue.id())
                .param("timeZone", venue.timeZone())
                .query((rs, n) -> new Starts(rs.getObject("event_id", UUID.class), Timestamps.read(rs, "starts_at")))
                .list();
        for (Starts starts : moved) {
            jdbc.sql("update event_listing set starts_on = :startsOn where event_id = :id")
                    .param("id", starts.eventId())
                    .param("startsOn", LocalDate.ofInstant(starts.at(), venue.zone()))
                    .update();
        }
        jdbc.sql("""
                        update event_listing
                           set venue_name = :name, city = :city, city_key = :cityKey, country_code = :countryCode,
                               latitude = :latitude, longitude = :longitude, time_zone = :timeZone
                         where venue_id = :id
                        """)
                .param("id", venue.id())
                .param("name", venue.name())
                .param("city", venue.city())
                .param("cityKey", cityKey(venue.city()))
                .param("countryCode", venue.countryCode())
                .param("latitude", venue.latitude())
                .param("longitude", venue.longitude())
                .param("timeZone", venue.timeZone())
                .update();
    }

    private record Starts(UUID eventId, Instant at) {}

    /**
     * One page of the listing. Soonest first, or by relevance then date when searching text; the
     * keyset (rank, starts_at, event_id) is unique and immutable, so walking pages never repeats
     * or skips an event that existed when the walk began.
     */
    @Transactional(readOnly = true)
    Page<ListingItem> page(ListingQuery query) {
        boolean ranked = query.text() != null;
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        where.add("starts_at >= :from");
        params.put("from", Timestamps.utc(query.from()));
        if (query.to() != null) {
            where.add("starts_at < :to");
            params.put("to", Timestamps.utc(query.to()));
        }
        ListingQuery.Days days = query.days();
        if (days != null && days.first() != null) {
            // the starts_at bound keeps the (starts_at, event_id) index in play; starts_on is exact
            where.add("starts_at >= :dayStart and starts_on >= :firstDay");
            params.put("dayStart", Timestamps.utc(days.earliestStart()));
            params.put("firstDay", days.first());
        }
        if (days != null && days.last() != null) {
            where.add("starts_at < :dayEnd and starts_on <= :lastDay");
            params.put("dayEnd", Timestamps.utc(days.latestEnd()));
            params.put("lastDay", days.last());
        }
        if (query.cityKey() != null) {
            where.add("city_key = :cityKey");
            params.put("cityKey", query.cityKey());
        }
        if (query.category() != null) {
            where.add("category = :category");
            params.put("category", query.category());
        }
        if (ranked) {
            List<String> words = plainWords(query.text());
            if (words.isEmpty()) {
                where.add("document @@ websearch_to_tsquery('boxoffice_english', :text)");
            } else {
                // each word found as a word of the event, or like a word of its title (a typo)
                for (int i = 0; i < words.size(); i++) {
                    where.add(("(document @@ plainto_tsquery('boxoffice_english', :word%d)"
                                    + " or search_fold(:word%d) <%% search_fold(title))")
                            .formatted(i, i));
                    params.put("word" + i, words.get(i));
                }
            }
            params.put("text", query.text());
        }
        if (query.near() != null) {
            ListingQuery.Circle near = query.near();
            where.add("location <@ box(point(:minLon, :minLat), point(:maxLon, :maxLat))");
            where.add("great_circle_km(latitude, longitude, :lat, :lon) <= :radius");
            params.putAll(Map.of(
                    "minLon",
                    near.minLongitude(),
                    "minLat",
                    near.minLatitude(),
                    "maxLon",
                    near.maxLongitude(),
                    "maxLat",
                    near.maxLatitude(),
                    "lat",
                    near.latitude(),
                    "lon",
                    near.longitude(),
                    "radius",
                    near.radiusKm()));
        }
        String rank = ranked
                ? "(ts_rank_cd(document, websearch_to_tsquery('boxoffice_english', :text))"
                        + " + word_similarity(search_fold(:text), search_fold(title)) / 10)::real"
                : "0::real";
        String keyset = keyset(query, ranked, params);
        // a ranked search ranks the RANKED_WINDOW soonest matches, not every match of three years:
        // the window is read in date order (an index scan that stops), or, for a rare word, from
        // the text index; either way it is bounded
        String source = ranked
                ? "(select * from event_listing where " + String.join(" and ", where)
                        + " order by starts_at, event_id limit " + RANKED_WINDOW + ") candidates"
                : "event_listing where " + String.join(" and ", where);
        String sql = "select * from (select " + COLUMNS + ", " + rank + " as rank from " + source + ") listed " + keyset
                + " order by " + (ranked ? "rank desc, " : "") + "starts_at, event_id limit :limit";
        List<Integer> cells = ranked || query.near() == null ? List.of() : cells(query.near());
        if (!cells.isEmpty()) {
            // near=: each grid cell the circle's box touches read in date order by its own index
            // range, a page at most from each, merged: not every event of a big city sorted
            // (without the box: with it the planner intersects both indexes and sorts what they find)
            List<String> cellWhere =
                    where.stream().filter(c -> !c.startsWith("location <@")).toList();
            String inCell =
                    " and " + String.join(" and ", cellWhere) + (keyset.isEmpty() ? "" : " and " + keyset.substring(6));
            List<String> perCell = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                perCell.add("(select " + COLUMNS + ", 0::real as rank from event_listing where cell = :cell" + i
                        + inCell + " order by starts_at, event_id limit :limit)");
                params.put("cell" + i, cells.get(i));
            }
            sql = "select * from (" + String.join(" union all ", perCell)
                    + ") listed order by starts_at, event_id limit :limit";
        }
        params.put("limit", query.limit() + 1);
        List<Row> rows = jdbc.sql(sql).params(params).query((rs, n) -> map(rs)).list();
        return Page.of(rows, query.limit(), row -> row.cursor(ranked)).map(Row::item);
    }

    private static String keyset(ListingQuery query, boolean ranked, Map<String, Object> params) {
        List<String> parts = Cursors.decode(query.cursor(), ranked ? 3 : 2);
        if (parts == null) {
            return "";
        }
        try {
            int i = 0;
            if (ranked) {
                params.put("afterRank", Float.parseFloat(parts.get(i++)));
            }
            params.put("afterStartsAt", Timestamps.utc(Instant.parse(parts.get(i++))));
            params.put("afterId", UUID.fromString(parts.get(i)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Cursors.invalid();
        }
        String byDate = "(starts_at, event_id) > (:afterStartsAt, :afterId)";
        return ranked ? "where (rank < :afterRank or (rank = :afterRank and " + byDate + "))" : "where " + byDate;
    }

    private static final java.util.regex.Pattern PLAIN_WORDS = java.util.regex.Pattern.compile("[\\p{L}\\p{N} ]+");
    /** English stop words a search of plain words leaves out, as the full-text parser does. */
    private static final java.util.Set<String> STOP_WORDS = java.util.Set.of(
            "a", "an", "and", "at", "by", "for", "from", "in", "is", "of", "on", "or", "the", "to", "with");

    private static final int MOST_WORDS = 8;
    /** How many of the soonest matches of a text search are ranked by relevance. */
    static final int RANKED_WINDOW = 1000;

    /**
     * The words of a search of plain words (letters, digits, spaces: no search syntax), stop words
     * left out; empty when the search uses the full-text syntax or has too many words to forgive.
     */
    private static List<String> plainWords(String text) {
        if (!PLAIN_WORDS.matcher(text).matches()) {
            return List.of();
        }
        List<String> words = java.util.Arrays.stream(text.strip().split(" +"))
                .filter(word -> !STOP_WORDS.contains(word.toLowerCase(Locale.ROOT)))
                .toList();
        return words.size() > MOST_WORDS ? List.of() : words;
    }

    /** The side of a grid cell of the listing's {@code cell} column, in degrees (V21). */
    private static final double CELL_DEGREES = 0.5;
    /** Past this many cells (a circle of hundreds of kilometres), near= reads the location index instead. */
    private static final int MOST_CELLS = 48;

    /** The grid cells the circle's bounding box touches, as the {@code cell} column numbers them; empty if too many. */
    static List<Integer> cells(ListingQuery.Circle near) {
        int firstLat = (int) Math.floor((near.minLatitude() + 90) / CELL_DEGREES);
        int lastLat = (int) Math.floor((near.maxLatitude() + 90) / CELL_DEGREES);
        int firstLon = (int) Math.floor((near.minLongitude() + 180) / CELL_DEGREES);
        int lastLon = (int) Math.floor((near.maxLongitude() + 180) / CELL_DEGREES);
        if ((long) (lastLat - firstLat + 1) * (lastLon - firstLon + 1) > MOST_CELLS) {
            return List.of();
        }
        List<Integer> cells = new ArrayList<>();
        for (int lat = firstLat; lat <= lastLat; lat++) {
            for (int lon = firstLon; lon <= lastLon; lon++) {
                cells.add(lat * 1000 + lon);
            }
        }
        return cells;
    }

    /** Removes the events that ended before {@code now} from the listing; how many went. */
    int expireEnded(Instant now) {
        return io.boxoffice.platform.jdbc.Retention.deleteBelow(
                jdbc, "event_listing", "ends_at", Timestamps.utc(now), 1000);
    }

    static String cityKey(String city) {
        return city.strip().toLowerCase(Locale.ROOT);
    }

    /** A listing row with the rank it was sorted by. */
    private record Row(ListingItem item, float rank) {

        String cursor(boolean ranked) {
            String startsAt = item.startsAt().toString();
            String id = item.id().toString();
            return ranked ? Cursors.encode(Float.toString(rank), startsAt, id) : Cursors.encode(startsAt, id);
        }
    }

    private static Row map(ResultSet rs) throws SQLException {
        ListingItem item = new ListingItem(
                rs.getObject("event_id", UUID.class),
                rs.getString("title"),
                rs.getString("category"),
                "PUBLISHED",
                Timestamps.read(rs, "starts_at"),
                Timestamps.read(rs, "ends_at"),
                new ListingItem.VenueSummary(
                        rs.getObject("venue_id", UUID.class),
                        rs.getString("venue_name"),
                        rs.getString("city"),
                        rs.getString("country_code"),
                        rs.getDouble("latitude"),
                        rs.getDouble("longitude"),
                        rs.getString("time_zone")),
                rs.getObject("min_price_cents", Long.class),
                rs.getString("currency"));
        return new Row(item, rs.getFloat("rank"));
    }
}
