package io.boxoffice.orders;

import io.boxoffice.orders.IdempotencyKeys.KeyOf;
import io.boxoffice.orders.OrderProblems.SalesClosed;
import io.boxoffice.orders.OrderProblems.SoldOut;
import io.boxoffice.orders.OrderProblems.TryAgain;
import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.database.Lsn;
import io.boxoffice.platform.database.WritePositions;
import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.web.ProblemStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the holds of one event in batches (application-level group commit): the orders that
 * arrive while a batch commits form the next one. A batch is one transaction — read the recorded
 * idempotency keys, lock the event's ticket types in id order, fill whole orders in arrival order
 * from what is left, record the keys' outcomes, one conditional counter update, one multi-row
 * insert of orders and one of their items — and each waiting request is answered only after that
 * commit. A lone request starts a batch at once, so it waits for nothing but its own commit. The
 * conditional update is the authority, so batches on several nodes sharing the database can
 * never oversell.
 *
 * <p>Whatever fails, and wherever (the transaction, the commit, reading a replayed order after it),
 * every request of the batch is answered and the drainer goes on to the next batch: a failure
 * never leaves an event's queue marked as draining with nobody draining it.
 *
 * <p>A connection lost while the batch commits (the primary died, a failover) leaves its outcome
 * unknown: the commit may have reached the synchronous standby that is now the leader, or not. The
 * batch asks the database again until it answers (the new leader, within {@code commit-outcome-wait}):
 * if its orders exist it committed, and its requests get what it decided; if none does, it did
 * not, and the batch runs again. No request is answered from a guess, so nothing is sold twice or
 * acknowledged and lost.
 */
@Component
class ReservationBatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReservationBatcher.class);
    private static final int ATTEMPTS = 3;

    /** The points of a batch's work at which a {@link Probe} is told where the batch is. */
    enum Step {
        /** in the transaction, the ticket types locked */
        LOCKED,
        /** in the transaction, everything written, about to commit */
        BEFORE_COMMIT,
        /** committed, no request answered yet */
        AFTER_COMMIT,
        /** committed, answering a replayed request with its order */
        ANSWERING_REPLAY
    }

    /** Told where a batch is; failure-injection tests throw from it. Production has none. */
    @FunctionalInterface
    interface Probe {
        void at(Step step);
    }

    /** A request waiting in a queue, and where its answer goes. */
    private record Pending(HoldRequest request, CompletableFuture<Reserved> answer, long queuedAt) {

        KeyOf key() {
            return request.idempotencyKey() == null ? null : new KeyOf(request.buyerId(), request.idempotencyKey());
        }

        /** This request at the locked prices, answered through the same future. */
        Pending pricedAt(Map<UUID, Long> prices) {
            HoldRequest priced = request.pricedAt(prices);
            return priced == request ? this : new Pending(priced, answer, queuedAt);
        }
    }

    /** The queue of one event and whether a drainer is working on it. */
    private static final class EventQueue {
        final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    /** What one attempt at a batch decided for each request. */
    private static final class Decisions {
        final Map<Pending, Order> placed = new LinkedHashMap<>();
        final Map<Pending, RuntimeException> refused = new HashMap<>();
        final Map<Pending, UUID> replayed = new HashMap<>();
        final Map<Pending, Pending> followers = new HashMap<>();
    }

    /** Another node recorded one of the batch's keys meanwhile: the batch is tried again. */
    private static final class KeyRace extends RuntimeException {
        KeyRace() {
            super(null, null, false, false);
        }
    }

    private final Map<UUID, EventQueue> queues = new ConcurrentHashMap<>();
    private final ExecutorService drainers = Executors.newVirtualThreadPerTaskExecutor();
    private final Inventory inventory;
    private final OrderRecords records;
    private final IdempotencyKeys idempotency;
    private final TransactionTemplate transactions;
    private final OrderSettings settings;
    private final Clock clock;
    private final WritePositions positions;
    private final ApplicationEventPublisher events;
    private final OrderMetrics metrics;
    private volatile Probe probe = step -> {};

    ReservationBatcher(
            Inventory inventory,
            OrderRecords records,
            IdempotencyKeys idempotency,
            TransactionTemplate transactions,
            OrderSettings settings,
            Clock clock,
            WritePositions positions,
            ApplicationEventPublisher events,
            OrderMetrics metrics) {
        this.inventory = inventory;
        this.records = records;
        this.idempotency = idempotency;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.positions = positions;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * An order the batch committed, and a WAL position at or after its commit (null if the primary
     * could not say), which becomes the request's Consistency-Token.
     */
    record Reserved(Order order, @Nullable Lsn writtenAt) {}

    /** Queues a hold; the future completes with the order once committed, or with why it could not be. */
    CompletableFuture<Reserved> submit(HoldRequest request) {
        CompletableFuture<Reserved> answer = new CompletableFuture<>();
        EventQueue queue = queues.computeIfAbsent(request.eventId(), id -> new EventQueue());
        queue.pending.add(new Pending(request, answer, System.nanoTime()));
        if (queue.draining.compareAndSet(false, true)) {
            drainers.execute(() -> drain(queue));
        }
        return answer;
    }

    /** Replaces the probe told where each batch is (failure-injection tests). */
    void probe(Probe probe) {
        this.probe = probe;
    }

    private void drain(EventQueue queue) {
        boolean released = false;
        try {
            while (true) {
                List<Pending> batch = new ArrayList<>();
                Pending next;
                while (batch.size() < settings.maxBatch() && (next = queue.pending.poll()) != null) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    queue.draining.set(false);
                    released = true;
                    // a request queued after the last poll but before the flag was cleared
                    if (queue.pending.isEmpty() || !queue.draining.compareAndSet(false, true)) {
                        return;
                    }
                    released = false;
                    continue;
                }
                applyAnswering(batch);
            }
        } finally {
            if (!released) {
                // only an Error gets here: let the queue go, and hand what is left to a new drainer
                queue.draining.set(false);
                if (!queue.pending.isEmpty() && queue.draining.compareAndSet(false, true)) {
                    drainers.execute(() -> drain(queue));
                }
            }
        }
    }

    /** Applies a batch; whatever escapes, every request of it is answered (a no-op for those already). */
    private void applyAnswering(List<Pending> batch) {
        try {
            long started = System.nanoTime();
            metrics.batch(batch.size());
            batch.forEach(pending -> metrics.queued(started - pending.queuedAt()));
            apply(batch);
        } catch (DomainException refused) {
            batch.forEach(pending -> pending.answer().completeExceptionally(refused));
        } catch (RuntimeException | Error e) {
            log.error("reservation batch failed", e);
            TryAgain answer = new TryAgain();
            batch.forEach(pending -> pending.answer().completeExceptionally(answer));
            if (e instanceof Error error) {
                throw error; // drain() hands the queue to a new drainer
            }
        }
    }

    private void apply(List<Pending> batch) {
        Decisions decisions = null;
        for (int attempt = 1; decisions == null; attempt++) {
            AtomicReference<Decisions> committing = new AtomicReference<>();
            try {
                decisions = transactions.execute(status -> {
                    Decisions decided = decide(batch);
                    probe.at(Step.BEFORE_COMMIT);
                    committing.set(decided);
                    return decided;
                });
            } catch (KeyRace race) {
                if (attempt == ATTEMPTS) {
                    batch.forEach(pending -> pending.answer().completeExceptionally(new OrderProblems.KeyInProgress()));
                    return;
                }
            } catch (RuntimeException e) {
                Decisions decided = committing.get();
                if (decided == null || !DatabaseRouting.connectionLost(e) || attempt == ATTEMPTS) {
                    throw e; // it failed before its commit (nothing was written), or again and again
                }
                decisions = committedOrNot(decided, e);
            }
        }
        probe.at(Step.AFTER_COMMIT);
        decisions.placed.forEach((pending, order) -> {
            if (order.status() == OrderStatus.CONFIRMED) {
                metrics.confirmed(order.items());
            } else {
                metrics.order(OrderMetrics.Outcome.HELD);
            }
        });
        decisions.refused.values().forEach(metrics::refused);
        Lsn writtenAt = decisions.placed.isEmpty() && decisions.replayed.isEmpty() ? null : writePosition();
        decisions.placed.forEach((pending, order) -> pending.answer().complete(new Reserved(order, writtenAt)));
        decisions.refused.forEach((pending, reason) -> pending.answer().completeExceptionally(reason));
        decisions.replayed.forEach((pending, orderId) -> replay(pending, orderId, writtenAt));
        decisions.followers.forEach((follower, leader) -> leader.answer().whenComplete((order, failure) -> {
            if (failure != null) {
                follower.answer().completeExceptionally(failure);
            } else {
                follower.answer().complete(order);
            }
        }));
    }

    /**
     * Whether a batch whose connection was lost as it committed did commit: its orders all exist,
     * or none does (one transaction). Asks until the database answers, for up to
     * {@code commit-outcome-wait}; the decisions if it committed, null if it must run again.
     */
    private @Nullable Decisions committedOrNot(Decisions decided, RuntimeException lost) {
        metrics.commitOutcomeUnknown();
        List<UUID> placed =
                decided.placed.keySet().stream().map(p -> p.request().orderId()).toList();
        if (placed.isEmpty()) {
            return null; // it placed nothing: running it again decides the same, recorded keys included
        }
        UUID organizerId = decided.placed.keySet().iterator().next().request().organizerId();
        long deadline = System.nanoTime() + settings.commitOutcomeWait().toNanos();
        while (true) {
            try {
                int found = records.existing(organizerId, placed);
                log.warn(
                        "A reservation batch lost its connection while committing; {} of its {} orders exist: {}",
                        found,
                        placed.size(),
                        found == 0 ? "running it again" : "it committed");
                if (found == placed.size()) {
                    return decided;
                }
                if (found == 0) {
                    return null;
                }
                throw new IllegalStateException(
                        "part of a reservation batch exists (" + found + " of " + placed.size() + " orders)");
            } catch (DataAccessException e) {
                if (System.nanoTime() > deadline) {
                    lost.addSuppressed(e);
                    throw lost;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
        }
    }

    /** Answers a replayed request with the order its key made; a failed read fails that request alone. */
    private void replay(Pending pending, UUID orderId, @Nullable Lsn writtenAt) {
        try {
            probe.at(Step.ANSWERING_REPLAY);
            pending.answer().complete(new Reserved(records.find(orderId).orElseThrow(), writtenAt));
        } catch (RuntimeException e) {
            log.warn("could not read a replayed order", e);
            pending.answer().completeExceptionally(new TryAgain());
        }
    }

    /** One read of the primary's position for the whole batch, after its commit. */
    private @Nullable Lsn writePosition() {
        try {
            return positions.current();
        } catch (RuntimeException e) {
            return null; // the orders are committed; their requests ask again when they answer
        }
    }

    private Decisions decide(List<Pending> batch) {
        Decisions decisions = new Decisions();
        List<Pending> fresh = replaysAndDuplicates(batch, decisions);
        if (fresh.isEmpty()) {
            return decisions;
        }
        HoldRequest first = fresh.getFirst().request();
        Map<UUID, Inventory.Stock> stock = inventory.lockForSale(first.organizerId(), first.eventId(), clock.instant());
        probe.at(Step.LOCKED);
        // requests were priced from a per-node copy of the event up to a second old: the locked rows' prices are the
        // ones held to
        Map<UUID, Long> prices = new HashMap<>();
        stock.forEach((id, counters) -> prices.put(id, counters.priceCents()));
        fresh = fresh.stream().map(pending -> pending.pricedAt(prices)).toList();
        Map<UUID, Integer> available = new LinkedHashMap<>();
        stock.forEach((id, counters) -> available.put(id, counters.available()));
        Allocation.Result allocation = Allocation.decide(
                available,
                fresh.stream()
                        .map(pending -> new Allocation.Ask(
                                pending.request().items(), pending.request().free()))
                        .toList());
        List<HoldRequest> accepted = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            Pending pending = fresh.get(i);
            switch (allocation.verdicts().get(i)) {
                case PLACED -> {
                    accepted.add(pending.request());
                    decisions.placed.put(pending, null);
                }
                case SOLD_OUT -> decisions.refused.put(pending, new SoldOut());
                case SALES_CLOSED -> decisions.refused.put(pending, new SalesClosed());
            }
        }
        recordKeys(fresh, decisions);
        if (!accepted.isEmpty()) {
            hold(first, accepted, allocation.deltas(), decisions);
        }
        return decisions;
    }

    /** Sorts out requests whose key was seen before (replays) or appears twice in the batch (followers). */
    private List<Pending> replaysAndDuplicates(List<Pending> batch, Decisions decisions) {
        List<KeyOf> keys = batch.stream()
                .map(Pending::key)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        idempotency.lockAll(keys); // held until the batch commits: no other request records these keys meanwhile
        Map<KeyOf, IdempotencyKeys.Recorded> recorded = idempotency.findAll(keys);
        Map<KeyOf, Pending> leaders = new HashMap<>();
        List<Pending> fresh = new ArrayList<>();
        for (Pending pending : batch) {
            KeyOf key = pending.key();
            String fingerprint = pending.request().fingerprint();
            if (key == null) {
                fresh.add(pending);
            } else if (recorded.containsKey(key)) {
                IdempotencyKeys.Recorded first = recorded.get(key);
                if (!first.fingerprint().equals(fingerprint)) {
                    decisions.refused.put(pending, new OrderProblems.KeyReused());
                } else if (!first.done()) {
                    decisions.refused.put(pending, new OrderProblems.KeyInProgress());
                } else if (first.orderId() != null) {
                    decisions.replayed.put(pending, first.orderId());
                } else {
                    decisions.refused.put(
                            pending,
                            new OrderProblems.ReplayedRefusal(
                                    ProblemStatus.kindOf(first.status()), first.problemSlug(), first.problemDetail()));
                }
            } else if (leaders.containsKey(key)) {
                if (leaders.get(key).request().fingerprint().equals(fingerprint)) {
                    decisions.followers.put(pending, leaders.get(key));
                } else {
                    decisions.refused.put(pending, new OrderProblems.KeyReused());
                }
            } else {
                leaders.put(key, pending);
                fresh.add(pending);
            }
        }
        return fresh;
    }

    /** Records the outcome of every keyed fresh request, in the batch's transaction. */
    private void recordKeys(List<Pending> fresh, Decisions decisions) {
        List<IdempotencyKeys.Outcome> outcomes = new ArrayList<>();
        for (Pending pending : fresh) {
            if (pending.key() == null) {
                continue;
            }
            RuntimeException refusal = decisions.refused.get(pending);
            outcomes.add(
                    refusal instanceof DomainException refused
                            ? new IdempotencyKeys.Outcome(
                                    pending.key(),
                                    pending.request().fingerprint(),
                                    ProblemStatus.of(refused.kind()),
                                    null,
                                    refused.slug(),
                                    refused.getMessage())
                            : new IdempotencyKeys.Outcome(
                                    pending.key(),
                                    pending.request().fingerprint(),
                                    ProblemStatus.CREATED,
                                    pending.request().orderId(),
                                    null,
                                    null));
        }
        if (idempotency.recordAll(outcomes) != outcomes.size()) {
            throw new KeyRace();
        }
    }

    /** Adds the accepted holds to the counters and inserts them, with tickets for free orders. */
    private void hold(
            HoldRequest first, List<HoldRequest> accepted, Map<UUID, Allocation.Delta> deltas, Decisions decisions) {
        List<UUID> types = new ArrayList<>(deltas.keySet());
        int updated = inventory.add(
                first.organizerId(),
                types,
                types.stream().map(id -> deltas.get(id).held()).toList(),
                types.stream().map(id -> deltas.get(id).sold()).toList());
        if (updated != types.size()) {
            throw new IllegalStateException("inventory changed under a locked batch");
        }
        records.insert(first.organizerId(), accepted);
        List<UUID> ticketOrders = new ArrayList<>();
        List<Order.Ticket> tickets = new ArrayList<>();
        Map<UUID, List<Order.Ticket>> ticketsByOrder = new HashMap<>();
        for (HoldRequest request : accepted) {
            List<Order.Ticket> issued = request.free()
                    ? TicketCodes.issue(request.orderId(), request.items(), () -> Ids.newId(clock))
                    : List.of();
            issued.forEach(ticket -> ticketOrders.add(request.orderId()));
            tickets.addAll(issued);
            ticketsByOrder.put(request.orderId(), issued);
        }
        records.insertTickets(first.organizerId(), first.eventId(), ticketOrders, tickets);
        List<UUID> confirmed = accepted.stream()
                .filter(HoldRequest::free)
                .map(HoldRequest::orderId)
                .toList();
        if (!confirmed.isEmpty()) {
            events.publishEvent(new OrdersConfirmed(confirmed));
        }
        decisions.placed.replaceAll((pending, none) ->
                pending.request().toOrder(ticketsByOrder.get(pending.request().orderId())));
    }

    @Override
    public void destroy() {
        drainers.close();
    }
}
