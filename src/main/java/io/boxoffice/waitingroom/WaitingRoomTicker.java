package io.boxoffice.waitingroom;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The waiting rooms' clock on every node: once a tick it writes this node's presence, runs
 * {@link Admissions#tick()} (which advances the rooms only on the node holding the lease), then
 * refreshes its copies of the rooms. On shutdown the lease is given back, so another node takes over at
 * its next tick rather than when the lease runs out.
 */
@Component
class WaitingRoomTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WaitingRoomTicker.class);

    private final RoomViews views;
    private final Admissions admissions;
    private final Rooms rooms;
    private final NodeName node;
    private final WaitingRoomSettings settings;
    private final QueueMetrics metrics;
    private volatile @Nullable ScheduledExecutorService timer;

    WaitingRoomTicker(
            RoomViews views,
            Admissions admissions,
            Rooms rooms,
            NodeName node,
            WaitingRoomSettings settings,
            QueueMetrics metrics) {
        this.views = views;
        this.admissions = admissions;
        this.rooms = rooms;
        this.node = node;
        this.settings = settings;
        this.metrics = metrics;
    }

    private void tick() {
        try {
            views.writePresence();
            admissions.tick();
            views.refresh();
            views.measure(metrics);
        } catch (RuntimeException e) {
            log.warn("waiting_room_tick_failed node={}", node.name(), e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("waiting-room-tick").daemon().factory());
        long millis = settings.tick().toMillis();
        started.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        timer = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
                rooms.releaseLease(node.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("waiting_room_lease_not_released node={}", node.name(), e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
