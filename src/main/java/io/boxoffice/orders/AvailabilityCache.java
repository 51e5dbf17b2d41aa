package io.boxoffice.orders;

import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.catalog.EventChanged;
import io.boxoffice.catalog.EventPublished;
import io.boxoffice.platform.cache.CacheSpec;
import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.Caches;
import io.boxoffice.platform.cache.SharedCache;
import io.boxoffice.platform.database.Lsn;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What is left to buy of each event, cached briefly on every node. During an on-sale it changes
 * with every batch, so a sale does not evict it: it marks it stale on every node, and the next
 * read there is served the previous figure while one reload runs. Changes to the event itself
 * (prices, ticket types, cancellation) evict it outright.
 */
@Component
class AvailabilityCache {

    static final CacheSpec AVAILABILITY = new CacheSpec(
            "availability",
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            20_000,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));

    private static final Logger log = LoggerFactory.getLogger(AvailabilityCache.class);

    private final SharedCache cache;
    private final Set<UUID> changedEvents = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("availability-invalidations").factory());

    AvailabilityCache(Caches caches) {
        this.cache = caches.create(AVAILABILITY);
    }

    SharedCache cache() {
        return cache;
    }

    Cached of(UUID eventId, Supplier<@Nullable Object> loader) {
        return cache.get(eventId.toString(), loader);
    }

    /**
     * The counters of these events change in the current transaction; once it commits, every node
     * reloads their availability on its next read. The invalidations are sent off the committing
     * thread, so a reservation batch answers its buyers without waiting for them, and changes that
     * pile up meanwhile go out together (during an on-sale: one per event per round, not per batch).
     * A buyer's Consistency-Token still makes their own next read reload at once.
     */
    void changed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            send(eventIds);
            return;
        }
        @SuppressWarnings("unchecked")
        Set<UUID> pending = (Set<UUID>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            Set<UUID> events = new LinkedHashSet<>();
            TransactionSynchronizationManager.bindResource(this, events);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send(events);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(AvailabilityCache.this);
                }
            });
            pending = events;
        }
        pending.addAll(eventIds);
    }

    private void send(Collection<UUID> eventIds) {
        changedEvents.addAll(eventIds);
        if (sending.compareAndSet(false, true)) {
            sender.execute(this::sendChanged);
        }
    }

    private void sendChanged() {
        while (true) {
            List<UUID> events = new ArrayList<>(changedEvents);
            changedEvents.removeAll(events);
            if (events.isEmpty()) {
                sending.set(false);
                // a change added after the copy but before the flag was cleared
                if (changedEvents.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                Lsn at = null; // read once, after every commit that put these events here
                for (UUID eventId : events) {
                    at = cache.markStale(eventId.toString(), at);
                }
            } catch (RuntimeException e) {
                log.atWarn().log("availability of {} not invalidated: {}", events, e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    @EventListener
    void on(EventPublished published) {
        cache.evictOnCommit(published.event().id().toString());
    }

    @EventListener
    void on(EventChanged changed) {
        cache.evictOnCommit(changed.event().id().toString());
    }

    @EventListener
    void on(EventCancelled cancelled) {
        cache.evictOnCommit(cancelled.event().id().toString());
    }
}
