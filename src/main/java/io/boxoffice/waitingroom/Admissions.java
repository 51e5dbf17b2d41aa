package io.boxoffice.waitingroom;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.orders.OrderManagement;
import io.boxoffice.platform.database.DatabaseRouting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Advances every open room's serving counter, on the one node that holds the admissions lease.
 * Each tick earns a room {@code admissionsPerMinute / 60} admissions per second elapsed (the
 * fraction carries over) and spends them walking forward from the serving place: a place whose
 * holder polled in the last three presence periods is admitted, any other is skipped as abandoned
 * and costs nothing. A sold-out room admits nobody until tickets come back; a room whose event
 * stopped selling through it closes. The walk runs under the room's row lock and is written only
 * while the lease still holds, so a node that paused past its lease cannot admit twice.
 */
@Component
class Admissions {

    private static final Logger log = LoggerFactory.getLogger(Admissions.class);
    private static final int MAX_WALK = 100_000;
    private static final Duration MAX_ELAPSED = Duration.ofSeconds(10);

    private final Rooms rooms;
    private final RoomViews views;
    private final Catalog catalog;
    private final OrderManagement orders;
    private final TransactionTemplate transactions;
    private final WaitingRoomSettings settings;
    private final Clock clock;
    private final NodeName node;
    private final QueueMetrics metrics;

    Admissions(
            Rooms rooms,
            RoomViews views,
            Catalog catalog,
            OrderManagement orders,
            TransactionTemplate transactions,
            WaitingRoomSettings settings,
            Clock clock,
            NodeName node,
            QueueMetrics metrics) {
        this.rooms = rooms;
        this.views = views;
        this.catalog = catalog;
        this.orders = orders;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.node = node;
        this.metrics = metrics;
    }

    /** One tick: takes or keeps the lease, and if this node holds it, advances every open room. */
    void tick() {
        if (!settings.admits() || !rooms.holdLease(node.name(), settings.tick().multipliedBy(3))) {
            return;
        }
        metrics.leading();
        long period = views.period(clock.instant());
        for (UUID eventId : rooms.open()) {
            try {
                advance(eventId, period);
            } catch (RuntimeException e) {
                log.warn("waiting_room_tick_failed event={}", eventId, e);
            }
        }
        rooms.prunePresence(period - 2);
    }

    private void advance(UUID eventId, long period) {
        Optional<Event> found = DatabaseRouting.onPrimary(() -> catalog.find(eventId));
        int available = DatabaseRouting.onPrimary(() -> orders.availability(eventId))
                .map(types -> types.stream()
                        .mapToInt(OrderManagement.Availability::available)
                        .sum())
                .orElse(0);
        Walk walk = transactions.execute(status -> {
            Instant now = clock.instant();
            Room room = rooms.lock(eventId, now);
            Walk done = walk(room, found.orElse(null), available, now, period);
            return rooms.advance(done.room(), done.round(), node.name()) ? done : null;
        });
        if (walk == null) {
            return;
        }
        metrics.ticked(
                walk.admitted().length, walk.round() == null ? 0 : walk.round().skipped().length);
        if (walk.admitted().length > 0) {
            Instant at = walk.room().tickedAt();
            rooms.joinedAt(eventId, walk.admitted()).forEach(joined -> metrics.waited(Duration.between(joined, at)));
        }
    }

    /** A tick's outcome: the room as it leaves it, the round if serving moved, and who was admitted. */
    record Walk(Room room, @Nullable Round round, int[] admitted) {}

    Walk walk(Room room, @Nullable Event event, int available, Instant now, long period) {
        Room.State state =
                event == null || !event.behindWaitingRoom() || !event.startsAt().isAfter(now)
                        ? Room.State.CLOSED
                        : available == 0 ? Room.State.SOLD_OUT : Room.State.OPEN;
        Integer presale = room.presale();
        Instant opensAt =
                event == null || event.onSale() == null ? now : event.onSale().at();
        if (presale == null && !now.isBefore(opensAt)) {
            presale = room.arrivals();
        }
        Room drawn = room.ticked(presale, now, state);
        if (state != Room.State.OPEN || presale == null) {
            return new Walk(withCounters(drawn, room.serving(), 0, 0, 0, room.rounds()), null, new int[0]);
        }
        double perSecond = event.onSale().admissionsPerMinute() / 60.0;
        Instant from = room.tickedAt() == null || room.tickedAt().isBefore(opensAt) ? opensAt : room.tickedAt();
        Duration elapsed = Duration.between(from, now);
        if (elapsed.compareTo(MAX_ELAPSED) > 0) {
            elapsed = MAX_ELAPSED;
        }
        double credit = room.credit() + perSecond * Math.max(0, elapsed.toMillis()) / 1000.0;
        BitSet alive = alive(room.eventId(), period);
        Draw draw = drawn.draw();
        int position = room.serving();
        List<Integer> admitted = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        while (credit >= 1 && position < room.arrivals() && position - room.serving() < MAX_WALK) {
            int arrival = drawn.arrival(position, draw);
            if (alive.get(arrival)) {
                admitted.add(arrival);
                credit -= 1;
            } else {
                skipped.add(position);
            }
            position++;
        }
        if (position >= room.arrivals()) {
            // nobody left waiting: credit is not banked for a crowd that comes later
            credit = Math.min(credit, perSecond * settings.tick().toMillis() / 1000.0);
        }
        Round round = position == room.serving()
                ? null
                : new Round(
                        room.rounds() + 1,
                        now,
                        room.serving(),
                        position,
                        skipped.stream().mapToInt(Integer::intValue).toArray(),
                        node.name());
        Room advanced = withCounters(
                drawn,
                position,
                admitted.size(),
                skipped.size(),
                credit,
                round == null ? room.rounds() : round.round());
        return new Walk(
                advanced, round, admitted.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Room withCounters(Room room, int serving, int admitted, int skipped, double credit, int rounds) {
        return new Room(
                room.eventId(),
                room.seed(),
                room.arrivals(),
                room.presale(),
                serving,
                room.admitted() + admitted,
                room.abandoned() + skipped,
                credit,
                rounds,
                room.tickedAt(),
                room.state());
    }

    /**
     * Every arrival seen on any node in this period or the two before: a period is half of
     * {@code abandonAfter}, so a buyer is taken for gone between {@code abandonAfter} and one and a
     * half times it after their last poll, never sooner.
     */
    private BitSet alive(UUID eventId, long period) {
        BitSet alive = new BitSet();
        rooms.presence(eventId, period - 2).forEach(seen -> alive.or(BitSet.valueOf(seen)));
        return alive;
    }
}
