package io.boxoffice.waitingroom;

import io.boxoffice.platform.jdbc.Timestamps;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The waiting rooms' tables: rooms, places, rounds, presence and the admissions lease. */
@Repository
class Rooms {

    /** A place to write: an account's arrival number. */
    record NewPlace(UUID accountId, int arrival, String address) {}

    private static final String LEASE = "admissions";
    private static final SecureRandom SEEDS = new SecureRandom();

    private final JdbcClient jdbc;

    Rooms(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The room of this event, made if it is the first arrival, locked until the transaction ends. */
    Room lock(UUID eventId, Instant now) {
        byte[] seed = new byte[32];
        SEEDS.nextBytes(seed);
        jdbc.sql("insert into waiting_room (event_id, seed, updated_at) values (:event, :seed, :now)"
                        + " on conflict (event_id) do nothing")
                .param("event", eventId)
                .param("seed", seed)
                .param("now", Timestamps.utc(now))
                .update();
        return jdbc.sql("select * from waiting_room where event_id = :event for update")
                .param("event", eventId)
                .query((rs, row) -> map(rs))
                .single();
    }

    Optional<Room> find(UUID eventId) {
        return jdbc.sql("select * from waiting_room where event_id = :event")
                .param("event", eventId)
                .query((rs, row) -> map(rs))
                .optional();
    }

    /** The rooms that may still admit someone. */
    List<UUID> open() {
        return jdbc.sql("select event_id from waiting_room where state <> 'CLOSED'")
                .query(UUID.class)
                .list();
    }

    List<Round> roundsAfter(UUID eventId, int round) {
        return jdbc.sql("""
                        select round, at, first, last, skipped, node from waiting_room_round
                         where event_id = :event and round > :round order by round""")
                .param("event", eventId)
                .param("round", round)
                .query((rs, row) -> new Round(
                        rs.getInt("round"),
                        Timestamps.read(rs, "at"),
                        rs.getInt("first"),
                        rs.getInt("last"),
                        ints(rs.getArray("skipped")),
                        rs.getString("node")))
                .list();
    }

    /** The arrival numbers these accounts hold in the room. */
    Map<UUID, Integer> places(UUID eventId, Collection<UUID> accounts) {
        Map<UUID, Integer> places = new HashMap<>();
        jdbc.sql("""
                        select account_id, arrival from waiting_room_place
                         where event_id = :event and account_id = any(cast(:accounts as uuid[]))""")
                .param("event", eventId)
                .param("accounts", accounts.stream().map(UUID::toString).toArray(String[]::new))
                .query(rs -> {
                    places.put(rs.getObject("account_id", UUID.class), rs.getInt("arrival"));
                });
        return places;
    }

    /** How many places each of these addresses holds in the room. */
    Map<String, Integer> placesPerAddress(UUID eventId, Collection<String> addresses) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("""
                        select address, count(*) as places from waiting_room_place
                         where event_id = :event and address = any(cast(:addresses as text[])) group by address""")
                .param("event", eventId)
                .param("addresses", addresses.toArray(String[]::new))
                .query(rs -> {
                    counts.put(rs.getString("address"), rs.getInt("places"));
                });
        return counts;
    }

    /** Hands out arrival numbers up to {@code arrivals}, fixing the draw's size if it is new, and writes the places. */
    void join(UUID eventId, int arrivals, @Nullable Integer presale, List<NewPlace> places, Instant now) {
        jdbc.sql("""
                        update waiting_room set arrivals = :arrivals, presale = :presale, updated_at = :now
                         where event_id = :event""")
                .param("event", eventId)
                .param("arrivals", arrivals)
                .param("presale", presale)
                .param("now", Timestamps.utc(now))
                .update();
        if (places.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into waiting_room_place (event_id, account_id, arrival, address, joined_at)
                        select :event, account, arrival, address, :now
                          from unnest(cast(:accounts as uuid[]), cast(:arrivals as int[]), cast(:addresses as text[])) as p(account, arrival, address)
                        on conflict (event_id, account_id)
                        do update set arrival = excluded.arrival, joined_at = excluded.joined_at""")
                .param("event", eventId)
                .param(
                        "accounts",
                        places.stream().map(p -> p.accountId().toString()).toArray(String[]::new))
                .param("arrivals", places.stream().map(NewPlace::arrival).toArray(Integer[]::new))
                .param("addresses", places.stream().map(NewPlace::address).toArray(String[]::new))
                .param("now", Timestamps.utc(now))
                .update();
    }

    /**
     * Writes a tick's outcome, and the round if serving moved, but only while {@code node} still
     * holds the admissions lease: a node that lost it while paused changes nothing.
     */
    boolean advance(Room room, @Nullable Round round, String node) {
        int updated = jdbc.sql("""
                        update waiting_room
                           set presale = :presale, serving = :serving, admitted = :admitted,
                               abandoned = :abandoned, credit = :credit, rounds = :rounds,
                               ticked_at = :tickedAt, state = :state, updated_at = :tickedAt
                         where event_id = :event
                           and exists (select 1 from waiting_room_lease
                                        where name = :lease and holder = :node and until > clock_timestamp())""")
                .param("event", room.eventId())
                .param("presale", room.presale())
                .param("serving", room.serving())
                .param("admitted", room.admitted())
                .param("abandoned", room.abandoned())
                .param("credit", room.credit())
                .param("rounds", room.rounds())
                .param("tickedAt", Timestamps.utc(room.tickedAt()))
                .param("state", room.state().name())
                .param("lease", LEASE)
                .param("node", node)
                .update();
        if (updated == 1 && round != null) {
            jdbc.sql("""
                            insert into waiting_room_round (event_id, round, at, first, last, skipped, node)
                            values (:event, :round, :at, :first, :last, cast(:skipped as int[]), :node)""")
                    .param("event", room.eventId())
                    .param("round", round.round())
                    .param("at", Timestamps.utc(round.at()))
                    .param("first", round.first())
                    .param("last", round.last())
                    .param(
                            "skipped",
                            java.util.Arrays.stream(round.skipped()).boxed().toArray(Integer[]::new))
                    .param("node", node)
                    .update();
        }
        return updated == 1;
    }

    /** When the holders of these arrival numbers joined (for the wait-time metric). */
    List<Instant> joinedAt(UUID eventId, int[] arrivals) {
        return jdbc.sql("""
                        select joined_at from waiting_room_place
                         where event_id = :event and arrival = any(cast(:arrivals as int[]))""")
                .param("event", eventId)
                .param("arrivals", java.util.Arrays.stream(arrivals).boxed().toArray(Integer[]::new))
                .query((rs, row) -> Timestamps.read(rs, "joined_at"))
                .list();
    }

    void savePresence(UUID eventId, String node, long period, byte[] seen) {
        jdbc.sql("""
                        insert into waiting_room_presence (event_id, node, period, seen)
                        values (:event, :node, :period, :seen)
                        on conflict (event_id, node, period) do update set seen = excluded.seen""")
                .param("event", eventId)
                .param("node", node)
                .param("period", period)
                .param("seen", seen)
                .update();
    }

    /** Every node's presence bitmaps of the room from {@code since} on. */
    List<byte[]> presence(UUID eventId, long since) {
        return jdbc.sql("select seen from waiting_room_presence where event_id = :event and period >= :since")
                .param("event", eventId)
                .param("since", since)
                .query(byte[].class)
                .list();
    }

    void prunePresence(long before) {
        jdbc.sql("delete from waiting_room_presence where period < :before")
                .param("before", before)
                .update();
    }

    /** Takes or keeps the admissions lease for {@code ttl}; whether {@code node} holds it now. */
    boolean holdLease(String node, Duration ttl) {
        return jdbc.sql("""
                        insert into waiting_room_lease (name, holder, until)
                        values (:lease, :node, clock_timestamp() + :ttl * interval '1 millisecond')
                        on conflict (name) do update set holder = excluded.holder, until = excluded.until
                         where waiting_room_lease.holder = excluded.holder
                            or waiting_room_lease.until < clock_timestamp()
                        returning holder""")
                .param("lease", LEASE)
                .param("node", node)
                .param("ttl", ttl.toMillis())
                .query(String.class)
                .optional()
                .isPresent();
    }

    void releaseLease(String node) {
        jdbc.sql("delete from waiting_room_lease where name = :lease and holder = :node")
                .param("lease", LEASE)
                .param("node", node)
                .update();
    }

    private static Room map(ResultSet rs) throws SQLException {
        return new Room(
                rs.getObject("event_id", UUID.class),
                rs.getBytes("seed"),
                rs.getInt("arrivals"),
                rs.getObject("presale", Integer.class),
                rs.getInt("serving"),
                rs.getInt("admitted"),
                rs.getInt("abandoned"),
                rs.getDouble("credit"),
                rs.getInt("rounds"),
                Timestamps.read(rs, "ticked_at"),
                Room.State.valueOf(rs.getString("state")));
    }

    private static int[] ints(Array array) throws SQLException {
        Integer[] values = (Integer[]) array.getArray();
        return java.util.Arrays.stream(values).mapToInt(Integer::intValue).toArray();
    }
}
