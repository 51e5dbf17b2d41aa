package io.boxoffice.waitingroom;

import io.boxoffice.catalog.Event;
import io.boxoffice.platform.Batches;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out places, many at a time: arrivals queue on this node, and one thread takes all that
 * are waiting, one transaction per room, under the room's row lock: one account keeps the place
 * it has (ten devices, one place) unless it lapsed, new arrivals are numbered in the order they
 * came, and the draw's size is fixed by the first batch at or after the on-sale. 200,000
 * arrivals in a minute are a few hundred transactions, not 200,000 updates of one row.
 */
@Component
class Joins implements SmartLifecycle {

    /** An account asking for a place from a client address. */
    record Join(Event event, UUID accountId, String address, CompletableFuture<Integer> arrival) {}

    private static final Logger log = LoggerFactory.getLogger(Joins.class);
    private static final int MAX_BATCH = 2_000;

    private final Rooms rooms;
    private final RoomViews views;
    private final TransactionTemplate transactions;
    private final WaitingRoomSettings settings;
    private final Clock clock;
    private final QueueMetrics metrics;
    private final LinkedBlockingQueue<Join> waiting = new LinkedBlockingQueue<>();
    private volatile @Nullable Thread worker;

    Joins(
            Rooms rooms,
            RoomViews views,
            TransactionTemplate transactions,
            WaitingRoomSettings settings,
            Clock clock,
            QueueMetrics metrics) {
        this.rooms = rooms;
        this.views = views;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The arrival number of the account's place in the event's room, made if it has none. */
    CompletableFuture<Integer> join(Event event, UUID accountId, String address) {
        Join join = new Join(event, accountId, address, new CompletableFuture<>());
        waiting.add(join);
        return join.arrival();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            List<Join> batch;
            try {
                batch = Batches.next(waiting, MAX_BATCH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<UUID, List<Join>> byRoom = new LinkedHashMap<>();
            batch.forEach(join -> byRoom.computeIfAbsent(join.event().id(), id -> new ArrayList<>())
                    .add(join));
            byRoom.forEach(this::place);
        }
    }

    private void place(UUID eventId, List<Join> joins) {
        try {
            Map<Join, Integer> placed = transactions.execute(status -> placeLocked(eventId, joins));
            joins.forEach(join -> {
                Integer arrival = placed.get(join);
                if (arrival == null) {
                    join.arrival().completeExceptionally(new PlacesPerAddress());
                } else {
                    join.arrival().complete(arrival);
                }
            });
        } catch (RuntimeException e) {
            log.warn("waiting_room_join_failed event={} joins={}", eventId, joins.size(), e);
            joins.forEach(join -> join.arrival().completeExceptionally(e));
        }
    }

    private Map<Join, Integer> placeLocked(UUID eventId, List<Join> joins) {
        Instant now = clock.instant();
        Room room = rooms.lock(eventId, now);
        Event event = joins.getFirst().event();
        Integer presale = room.presale();
        if (presale == null
                && event.onSale() != null
                && !now.isBefore(event.onSale().at())) {
            presale = room.arrivals(); // the draw: everyone numbered so far came before the on-sale
        }
        RoomView view = views.get(eventId).orElseThrow();
        Map<UUID, Integer> existing = rooms.places(
                eventId, joins.stream().map(Join::accountId).distinct().toList());
        Map<String, Integer> perAddress = settings.placesPerAddress() == 0
                ? new HashMap<>()
                : rooms.placesPerAddress(
                        eventId, joins.stream().map(Join::address).distinct().toList());
        Map<UUID, Integer> given = new HashMap<>();
        Map<Join, Integer> placed = new HashMap<>();
        List<Rooms.NewPlace> fresh = new ArrayList<>();
        int next = room.arrivals();
        for (Join join : joins) {
            Integer arrival = given.get(join.accountId());
            if (arrival == null) {
                Integer held = existing.get(join.accountId());
                if (held != null && !view.lapsed(held, now)) {
                    arrival = held;
                } else if (held != null || withinBound(perAddress, join.address())) {
                    arrival = next++;
                    fresh.add(new Rooms.NewPlace(join.accountId(), arrival, join.address()));
                    metrics.arrived(held != null);
                } else {
                    metrics.refusedForAddress();
                    continue;
                }
                given.put(join.accountId(), arrival);
            }
            placed.put(join, arrival);
        }
        rooms.join(eventId, next, presale, fresh, now);
        // this node's copy counts the places it just gave (and the draw, if this batch made it) at once,
        // without reading the room again; the next tick's refresh brings the rest
        views.joined(room.withArrivals(room.seed(), next, presale));
        return placed;
    }

    private boolean withinBound(Map<String, Integer> perAddress, String address) {
        int bound = settings.placesPerAddress();
        if (bound == 0) {
            return true;
        }
        int places = perAddress.getOrDefault(address, 0);
        if (places >= bound) {
            return false;
        }
        perAddress.put(address, places + 1);
        return true;
    }

    @Override
    public void start() {
        worker = Thread.ofPlatform().name("waiting-room-joins").daemon().start(this::run);
    }

    @Override
    public void stop() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
