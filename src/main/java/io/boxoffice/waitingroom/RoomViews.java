package io.boxoffice.waitingroom;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.platform.database.DatabaseRouting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * This node's copies of the rooms it is asked about, each refreshed from the primary once a tick
 * (one read of the room and of its new rounds) for as long as buyers poll it here, and the
 * presence of those buyers, written back at the same tick. Between refreshes a poll reads no
 * database at all.
 */
@Component
class RoomViews {

    private static final Duration IDLE = Duration.ofMinutes(2);

    private final Catalog catalog;
    private final Rooms rooms;
    private final Clock clock;
    private final WaitingRoomSettings settings;
    private final NodeName node;
    private final Map<UUID, RoomView> views = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> used = new ConcurrentHashMap<>();
    private final Map<UUID, Presence> presence = new ConcurrentHashMap<>();

    RoomViews(Catalog catalog, Rooms rooms, Clock clock, WaitingRoomSettings settings, NodeName node) {
        this.catalog = catalog;
        this.rooms = rooms;
        this.clock = clock;
        this.settings = settings;
        this.node = node;
    }

    /** The room of this event as this node knows it; empty if there is no such event. */
    Optional<RoomView> get(UUID eventId) {
        used.put(eventId, clock.instant());
        RoomView view = views.get(eventId);
        if (view != null) {
            return Optional.of(view);
        }
        return Optional.ofNullable(views.computeIfAbsent(eventId, id -> load(id, null)));
    }

    /** Reads the room again now (after this node handed out places, so its answers count them). */
    void reload(UUID eventId) {
        views.compute(eventId, (id, view) -> load(id, view));
    }

    /**
     * Takes the room as a join batch left it (under its lock, so no older than this node's copy):
     * its arrivals, its draw, and the seed of a room the batch made.
     */
    void joined(Room room) {
        views.computeIfPresent(room.eventId(), (id, view) -> {
            Room known = view.room();
            // the rest as the rounds this copy holds say, until the next refresh
            Room counted = known.withArrivals(room.seed(), Math.max(known.arrivals(), room.arrivals()), room.presale());
            return view.refreshed(view.event(), counted, List.of());
        });
    }

    /** Notes that the holder of {@code arrival} is still there. */
    void seen(UUID eventId, int arrival) {
        long period = period(clock.instant());
        presence.computeIfAbsent(eventId, id -> new Presence(period)).seen(arrival, period);
    }

    /** The presence period {@code at} falls in. */
    long period(Instant at) {
        return at.toEpochMilli() / settings.period().toMillis();
    }

    /** Writes the presence noted since the last tick. */
    void writePresence() {
        presence.forEach((eventId, seen) -> seen.takeChanges()
                .forEach(snapshot -> rooms.savePresence(eventId, node.name(), snapshot.period(), snapshot.seen())));
    }

    /** Refreshes every room polled lately and forgets the others; once a tick. */
    void refresh() {
        Instant now = clock.instant();
        used.forEach((eventId, at) -> {
            if (at.plus(IDLE).isBefore(now)) {
                used.remove(eventId);
                views.remove(eventId);
                presence.remove(eventId);
            } else {
                reload(eventId);
            }
        });
    }

    /** How many wait in the rooms this node serves, and the admissions per minute they are set to. */
    void measure(QueueMetrics metrics) {
        long waiting = 0;
        long rate = 0;
        for (RoomView view : views.values()) {
            if (view.room().state() == Room.State.OPEN && view.event().behindWaitingRoom()) {
                waiting += Math.max(0, view.room().arrivals() - view.room().serving());
                rate += view.event().onSale().admissionsPerMinute();
            }
        }
        metrics.rooms(waiting, rate);
    }

    private RoomView load(UUID eventId, RoomView previous) {
        return DatabaseRouting.onPrimary(() -> loadFromPrimary(eventId, previous));
    }

    private RoomView loadFromPrimary(UUID eventId, RoomView previous) {
        Optional<Event> event = catalog.find(eventId);
        if (event.isEmpty()) {
            return null;
        }
        Room room = rooms.find(eventId).orElseGet(() -> empty(eventId));
        if (previous == null || previous.room().seed().length == 0) {
            return RoomView.of(event.get(), room, rooms.roundsAfter(eventId, 0).toArray(Round[]::new));
        }
        return previous.refreshed(event.get(), room, rooms.roundsAfter(eventId, previous.lastRound()));
    }

    private static Room empty(UUID eventId) {
        return new Room(eventId, new byte[0], 0, null, 0, 0, 0, 0, 0, null, Room.State.OPEN);
    }
}
