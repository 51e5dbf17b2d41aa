package io.boxoffice.orders;

import io.boxoffice.catalog.Catalog;
import io.boxoffice.catalog.Event;
import io.boxoffice.catalog.EventStatus;
import io.boxoffice.orders.OrderProblems.OrderNotFound;
import io.boxoffice.orders.OrderProblems.SalesClosed;
import io.boxoffice.orders.OrderProblems.SalesNotOpen;
import io.boxoffice.platform.database.DatabaseRouting;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.web.Cursors;
import io.boxoffice.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The orders module's facade: place a hold, pay for it, cancel it, and read orders. */
@Service
public class OrderManagement {

    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final Catalog catalog;
    private final EventsOnSale onSale;
    private final ReservationBatcher batcher;
    private final OrderRecords records;
    private final Inventory inventory;
    private final OrderPayments payments;
    private final PaymentRecords paymentRecords;
    private final Refunds refunds;
    private final TransactionTemplate transactions;
    private final OrderSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OrderMetrics metrics;
    private final AdmissionCheck admissions;

    OrderManagement(
            Catalog catalog,
            EventsOnSale onSale,
            ReservationBatcher batcher,
            OrderRecords records,
            Inventory inventory,
            OrderPayments payments,
            PaymentRecords paymentRecords,
            Refunds refunds,
            TransactionTemplate transactions,
            OrderSettings settings,
            Clock clock,
            ApplicationEventPublisher events,
            OrderMetrics metrics,
            AdmissionCheck admissions) {
        this.catalog = catalog;
        this.onSale = onSale;
        this.batcher = batcher;
        this.records = records;
        this.inventory = inventory;
        this.payments = payments;
        this.paymentRecords = paymentRecords;
        this.refunds = refunds;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.metrics = metrics;
        this.admissions = admissions;
    }

    /**
     * Holds the tickets of {@code order} for the caller, all or nothing; free orders are confirmed at
     * once. An event that sells through a waiting room needs the caller's admission token.
     */
    public Order place(
            Caller caller, NewOrder order, @Nullable String idempotencyKey, @Nullable String admissionToken) {
        IdempotencyKeys.checkKey(idempotencyKey);
        // validated and priced from this node's copy of the event on sale; the batch holds the order to the locked
        // rows' state and prices (ReservationBatcher), so a copy a second old never sells at a stale price
        Event event = onSale.get(order.eventId()).orElseThrow(() -> new InvalidInput("eventId", "no such event"));
        Instant now = clock.instant();
        if (event.status() != EventStatus.PUBLISHED || !event.startsAt().isAfter(now)) {
            metrics.order(OrderMetrics.Outcome.SALES_CLOSED);
            throw new SalesClosed();
        }
        if (event.beforeOnSale(now)) {
            metrics.order(OrderMetrics.Outcome.SALES_CLOSED);
            throw new SalesNotOpen(event.onSale().at());
        }
        if (event.behindWaitingRoom()) {
            admissions.check(caller, event, admissionToken);
        }
        Pricing.Priced priced = Pricing.price(event, order.items());
        HoldRequest request = new HoldRequest(
                Ids.newId(clock),
                event.organizerId(),
                event.id(),
                caller.accountId(),
                priced.items(),
                priced.totalCents(),
                priced.currency(),
                now,
                now.plus(settings.holdTtl()),
                idempotencyKey,
                fingerprint(order));
        ReservationBatcher.Reserved reserved = await(batcher.submit(request));
        DatabaseRouting.wroteAt(reserved.writtenAt());
        return reserved.order();
    }

    /** What an Idempotency-Key of an order request is bound to: the event and each line as sent. */
    private static String fingerprint(NewOrder order) {
        List<String> fields = new ArrayList<>();
        fields.add(String.valueOf(order.eventId()));
        order.items().forEach(line -> fields.add(line.ticketTypeId() + "x" + line.quantity()));
        return IdempotencyKeys.fingerprint("POST /api/v1/orders", fields);
    }

    private static ReservationBatcher.Reserved await(
            java.util.concurrent.CompletableFuture<ReservationBatcher.Reserved> answer) {
        try {
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new OrderProblems.TryAgain();
        } catch (TimeoutException e) {
            throw new OrderProblems.TryAgain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderProblems.TryAgain();
        }
    }

    /** The order, if the caller's payment of it committed (for an idempotent retry of a payment). */
    Optional<Order> paid(Caller caller, UUID orderId) {
        return records.find(orderId)
                .filter(order -> order.buyerId().equals(caller.accountId()))
                .filter(order -> order.status() == OrderStatus.CONFIRMED);
    }

    /**
     * Pays a PENDING order: the hold becomes a sale with tickets, stays a hold if declined, or
     * waits for the buyer's challenge or the provider's outcome ({@link OrderPayments}).
     */
    OrderPayments.Paid pay(Caller caller, UUID orderId, String paymentMethod) {
        return payments.pay(caller, orderId, paymentMethod);
    }

    /** Cancels an order: a hold gives its tickets back, a purchase is refunded. */
    public Order cancel(Caller caller, UUID orderId) {
        OrderTransition closed = transactions.execute(status -> {
            OrderRecords.Locked order = records.lock(orderId).orElseThrow(OrderNotFound::new);
            if (!order.buyerId().equals(caller.accountId()) && !caller.mayChange(order.organizerId())) {
                throw new OrderNotFound();
            }
            OrderTransition transition = OrderTransition.cancelling(order.status());
            if (transition == OrderTransition.CANCEL && payments.inFlight(order.organizerId(), order.id())) {
                throw new OrderProblems.PaymentInProgress(); // its outcome decides: wait for it
            }
            if (transition == OrderTransition.REFUND) {
                refunds.owe(List.of(order.id()), PaymentRecords.RefundReason.ORDER_CANCELLED); // paid back after commit
            }
            inventory.apply(transition, order.organizerId(), order.items());
            records.close(order.organizerId(), order.id(), transition, clock.instant());
            return transition;
        });
        metrics.order(
                closed == OrderTransition.REFUND ? OrderMetrics.Outcome.REFUNDED : OrderMetrics.Outcome.CANCELLED);
        return records.find(orderId).orElseThrow(OrderNotFound::new);
    }

    /**
     * The order with its tickets, read on the primary, for the work Boxoffice does on its own
     * behalf after a commit (emails): no caller, and never a replica that has not caught up.
     */
    public Optional<Order> find(UUID orderId) {
        return DatabaseRouting.onPrimary(() -> records.find(orderId));
    }

    /** Up to {@code limit} of an event's refunded orders with ids after {@code after}, in id order. */
    public List<UUID> refundedOrders(UUID organizerId, UUID eventId, @Nullable UUID after, int limit) {
        return DatabaseRouting.onPrimary(() -> records.refundedIds(organizerId, eventId, after, limit));
    }

    /** The order, for its buyer, the event's organizer or an administrator. */
    @Transactional(readOnly = true)
    public Order get(Caller caller, UUID orderId) {
        OrderRecords.Owned owned = records.findOwned(orderId).orElseThrow(OrderNotFound::new);
        Order order = owned.order();
        if (!order.buyerId().equals(caller.accountId()) && !caller.mayChange(owned.organizerId())) {
            throw new OrderNotFound();
        }
        return order;
    }

    /** The order's payment history, for its buyer, the event's organizer or an administrator. */
    @Transactional(readOnly = true)
    public PaymentHistory paymentHistory(Caller caller, UUID orderId) {
        Order order = get(caller, orderId);
        return PaymentHistory.of(
                order,
                paymentRecords.attemptsOf(orderId),
                paymentRecords.refundsOf(orderId),
                paymentRecords.disputesOf(orderId));
    }

    /** The caller's orders, newest first. */
    @Transactional(readOnly = true)
    public Page<Order> mine(Caller caller, @Nullable String cursor, @Nullable Integer limit) {
        int size = Cursors.limit(limit);
        List<String> after = Cursors.decode(cursor, 2);
        Instant createdAt = null;
        UUID id = null;
        if (after != null) {
            try {
                createdAt = Instant.parse(after.get(0));
                id = UUID.fromString(after.get(1));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw Cursors.invalid();
            }
        }
        Function<Order, String> cursorOf =
                order -> Cursors.encode(order.createdAt().toString(), order.id().toString());
        return Page.of(records.ofBuyer(caller.accountId(), createdAt, id, size + 1), size, cursorOf);
    }

    /** What is left of each ticket type of a published event. */
    @Transactional(readOnly = true)
    public Optional<List<Availability>> availability(UUID eventId) {
        return catalog.find(eventId).filter(Event::visibleToAll).map(event -> {
            Map<UUID, Integer> left = inventory.available(event.organizerId(), eventId);
            return event.ticketTypes().stream()
                    .map(type -> new Availability(
                            type.id(),
                            type.name(),
                            type.priceCents(),
                            type.currency(),
                            left.getOrDefault(type.id(), 0)))
                    .toList();
        });
    }

    /** How many tickets of a type can still be bought. */
    public record Availability(UUID id, String name, long priceCents, String currency, int available) {}
}
