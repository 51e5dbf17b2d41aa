package io.boxoffice.orders;

import io.boxoffice.catalog.EventCancelled;
import io.boxoffice.catalog.EventChanged;
import io.boxoffice.catalog.EventPublished;
import io.boxoffice.platform.cache.CacheSpec;
import io.boxoffice.platform.cache.Cached;
import io.boxoffice.platform.cache.Caches;
import io.boxoffice.platform.cache.SharedCache;
import io.boxoffice.platform.database.Lsn;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
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
     * reloads their availability on its next read (at once when there is no transaction).
     */
    void changed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            markStale(eventIds);
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
                    markStale(events);
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

    private void markStale(Collection<UUID> eventIds) {
        try {
            Lsn at = null;
            for (UUID eventId : eventIds) {
                at = cache.markStale(eventId.toString(), at);
            }
        } catch (RuntimeException e) {
            log.atWarn().log("availability of {} not invalidated: {}", eventIds, e.getMessage());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EventPublished published) {
        cache.evict(published.event().id().toString(), null);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EventChanged changed) {
        cache.evict(changed.event().id().toString(), null);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(EventCancelled cancelled) {
        cache.evict(cancelled.event().id().toString(), null);
    }
}
