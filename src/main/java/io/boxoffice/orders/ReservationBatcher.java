package io.boxoffice.orders;

import io.boxoffice.orders.OrderProblems.SalesClosed;
import io.boxoffice.orders.OrderProblems.SoldOut;
import io.boxoffice.platform.id.Ids;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the holds of one event in batches (application-level group commit): the orders that
 * arrive while a batch commits form the next one. A batch is one transaction — lock the event's
 * ticket types in id order, fill whole orders in arrival order from what is left, one conditional
 * counter update, one multi-row insert of orders and one of their items — and each waiting
 * request is answered only after that commit. A lone request starts a batch at once, so it waits
 * for nothing but its own commit. The conditional update is the authority, so batches on several
 * nodes sharing the database can never oversell.
 */
@Component
class ReservationBatcher implements DisposableBean {

    /** A request waiting in a queue, and where its answer goes. */
    private record Pending(HoldRequest request, CompletableFuture<Order> answer) {}

    /** The queue of one event and whether a drainer is working on it. */
    private static final class EventQueue {
        final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    private final Map<UUID, EventQueue> queues = new ConcurrentHashMap<>();
    private final ExecutorService drainers = Executors.newVirtualThreadPerTaskExecutor();
    private final Inventory inventory;
    private final OrderRecords records;
    private final TransactionTemplate transactions;
    private final OrderSettings settings;
    private final Clock clock;

    ReservationBatcher(
            Inventory inventory,
            OrderRecords records,
            TransactionTemplate transactions,
            OrderSettings settings,
            Clock clock) {
        this.inventory = inventory;
        this.records = records;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Queues a hold; the future completes with the order once committed, or with why it could not be. */
    CompletableFuture<Order> submit(HoldRequest request) {
        CompletableFuture<Order> answer = new CompletableFuture<>();
        EventQueue queue = queues.computeIfAbsent(request.eventId(), id -> new EventQueue());
        queue.pending.add(new Pending(request, answer));
        if (queue.draining.compareAndSet(false, true)) {
            drainers.execute(() -> drain(queue));
        }
        return answer;
    }

    private void drain(EventQueue queue) {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < settings.maxBatch() && (next = queue.pending.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                queue.draining.set(false);
                // a request queued after the last poll but before the flag was cleared
                if (queue.pending.isEmpty() || !queue.draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            apply(batch);
        }
    }

    private void apply(List<Pending> batch) {
        Map<Pending, RuntimeException> refused = new HashMap<>();
        Map<Pending, Order> placed = new LinkedHashMap<>();
        try {
            transactions.executeWithoutResult(status -> {
                refused.clear();
                placed.clear();
                allocate(batch, refused, placed);
            });
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.answer().completeExceptionally(e));
            return;
        }
        placed.forEach((pending, order) -> pending.answer().complete(order));
        refused.forEach((pending, reason) -> pending.answer().completeExceptionally(reason));
    }

    private void allocate(List<Pending> batch, Map<Pending, RuntimeException> refused, Map<Pending, Order> placed) {
        HoldRequest first = batch.getFirst().request();
        Map<UUID, Inventory.Stock> stock = inventory.lockForSale(first.organizerId(), first.eventId(), clock.instant());
        if (stock.isEmpty()) {
            batch.forEach(pending -> refused.put(pending, new SalesClosed()));
            return;
        }
        Map<UUID, Integer> left = new HashMap<>();
        stock.forEach((id, s) -> left.put(id, s.available()));
        Map<UUID, int[]> deltas = new LinkedHashMap<>(); // ticket type -> {held, sold}
        List<HoldRequest> accepted = new ArrayList<>();
        for (Pending pending : batch) {
            HoldRequest request = pending.request();
            boolean fits = request.items().stream()
                    .allMatch(item -> left.getOrDefault(item.ticketTypeId(), 0) >= item.quantity());
            if (!fits) {
                refused.put(pending, new SoldOut());
                continue;
            }
            for (Order.Item item : request.items()) {
                left.merge(item.ticketTypeId(), -item.quantity(), Integer::sum);
                int[] delta = deltas.computeIfAbsent(item.ticketTypeId(), id -> new int[2]);
                delta[request.free() ? 1 : 0] += item.quantity();
            }
            accepted.add(request);
        }
        if (accepted.isEmpty()) {
            return;
        }
        List<UUID> types = new ArrayList<>(deltas.keySet());
        int updated = inventory.add(
                first.organizerId(),
                types,
                types.stream().map(id -> deltas.get(id)[0]).toList(),
                types.stream().map(id -> deltas.get(id)[1]).toList());
        if (updated != types.size()) {
            throw new IllegalStateException("inventory changed under a locked batch");
        }
        records.insert(first.organizerId(), accepted);
        List<UUID> ticketOrders = new ArrayList<>();
        List<Order.Ticket> tickets = new ArrayList<>();
        Map<UUID, List<Order.Ticket>> ticketsByOrder = new HashMap<>();
        for (HoldRequest request : accepted) {
            List<Order.Ticket> issued =
                    request.free() ? TicketCodes.issue(request.items(), () -> Ids.newId(clock)) : List.of();
            issued.forEach(ticket -> ticketOrders.add(request.orderId()));
            tickets.addAll(issued);
            ticketsByOrder.put(request.orderId(), issued);
        }
        records.insertTickets(first.organizerId(), first.eventId(), ticketOrders, tickets);
        for (Pending pending : batch) {
            if (!refused.containsKey(pending)) {
                HoldRequest request = pending.request();
                placed.put(pending, request.toOrder(ticketsByOrder.get(request.orderId())));
            }
        }
    }

    @Override
    public void destroy() {
        drainers.close();
    }
}
