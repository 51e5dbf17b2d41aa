package io.boxoffice.orders;

import io.boxoffice.orders.OrderProblems.ChargedAfterRelease;
import io.boxoffice.orders.OrderProblems.HoldExpired;
import io.boxoffice.orders.OrderProblems.OrderNotFound;
import io.boxoffice.orders.OrderProblems.PaymentDeclined;
import io.boxoffice.orders.OrderProblems.PaymentInProgress;
import io.boxoffice.orders.PaymentRecords.Attempt;
import io.boxoffice.orders.PaymentRecords.AttemptStatus;
import io.boxoffice.orders.PaymentRecords.RefundReason;
import io.boxoffice.payments.ChargeOutcome;
import io.boxoffice.payments.PaymentSettings;
import io.boxoffice.payments.Payments;
import io.boxoffice.payments.ProviderUnavailable;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.id.Ids;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.security.Forbidden;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying for an order, as a state machine recorded in the database, in three steps of which only
 * the middle one talks to the provider, with no transaction open and no row locked:
 *
 * <ol>
 *   <li><b>Begin</b> (one transaction, under the order's row lock): the order is the buyer's and still
 *       held; the attempt is recorded, open, and the hold extended to last while it runs.
 *   <li><b>Call</b> the provider with the attempt's idempotency key. No answer (a timeout, a 5xx, a
 *       crash) leaves the attempt open; it is not lost: reconciliation asks again.
 *   <li><b>Settle</b> (a second transaction, under the order's row lock, then the attempt's): a success
 *       confirms the order and issues its tickets; a decline records it and keeps the hold; a
 *       challenge (3-D Secure) keeps the attempt open for the buyer. Whoever settles first (the
 *       buyer's request, a webhook, reconciliation) settles; the others find it settled.
 * </ol>
 *
 * A success for an order whose hold was released meanwhile (its event was cancelled) never
 * confirms it: the charge is refunded in full, and the buyer told so.
 */
@Component
class OrderPayments {

    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

    private final TransactionTemplate transactions;
    private final OrderRecords orders;
    private final PaymentRecords attempts;
    private final Payments payments;
    private final Inventory inventory;
    private final Refunds refunds;
    private final ApplicationEventPublisher events;
    private final OrderMetrics metrics;
    private final PaymentSettings settings;
    private final Clock clock;

    OrderPayments(
            TransactionTemplate transactions,
            OrderRecords orders,
            PaymentRecords attempts,
            Payments payments,
            Inventory inventory,
            Refunds refunds,
            ApplicationEventPublisher events,
            OrderMetrics metrics,
            PaymentSettings settings,
            Clock clock) {
        this.transactions = transactions;
        this.orders = orders;
        this.attempts = attempts;
        this.payments = payments;
        this.inventory = inventory;
        this.refunds = refunds;
        this.events = events;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a payment request came to. */
    sealed interface Paid {

        UUID orderId();

        /** The order is confirmed, with its tickets. */
        record Confirmed(UUID orderId) implements Paid {}

        /** The buyer must complete the provider's challenge; the outcome arrives later. */
        record ActionRequired(
                UUID orderId, String clientSecret, @Nullable String nextActionUrl) implements Paid {}

        /** The outcome is not known yet; the order stays held until it is. */
        record Pending(UUID orderId) implements Paid {}
    }

    /** Pays a PENDING order of the caller's with {@code paymentMethod}, or goes on with its attempt under way. */
    Paid pay(Caller caller, UUID orderId, @Nullable String paymentMethod) {
        Begun begun = transactions.execute(status -> begin(caller, orderId, paymentMethod));
        if (begun instanceof Begun.Abandoning abandoning) {
            // the buyer left a challenge for another payment method: give that attempt up first
            Settled before = abandon(abandoning.attempt());
            if (before instanceof Settled.Confirmed || before instanceof Settled.Refunding) {
                return answer(before); // the challenge was completed meanwhile: that payment stands
            }
            begun = transactions.execute(status -> begin(caller, orderId, paymentMethod));
        }
        if (begun instanceof Begun.Expired expired) {
            metrics.holdsExpired(expired.releasedHere() ? 1 : 0);
            throw new HoldExpired();
        }
        if (!(begun instanceof Begun.Charging charging)) {
            throw new PaymentInProgress(); // another challenge began meanwhile
        }
        Attempt attempt = charging.attempt();
        boolean first = charging.first();
        ChargeOutcome outcome;
        try {
            outcome = first
                    ? payments.charge(attempt.provider(), attempt.request())
                    : payments.find(attempt.provider(), attempt.request(), attempt.providerRef());
        } catch (ProviderUnavailable e) {
            log.atWarn()
                    .log(
                            "payment of order {} attempt {}: {}; reconciliation settles it",
                            orderId,
                            attempt.number(),
                            e.getMessage());
            return new Paid.Pending(orderId);
        }
        return answer(settle(attempt, outcome));
    }

    /** Whether a payment of the order is under way (an attempt whose outcome is not known yet). */
    boolean inFlight(UUID organizerId, UUID orderId) {
        return attempts.open(organizerId, orderId).isPresent();
    }

    /** What the first step found. */
    private sealed interface Begun {
        record Charging(Attempt attempt, boolean first) implements Begun {}

        record Expired(boolean releasedHere) implements Begun {}

        /** An attempt waits for a challenge the buyer left for another payment method. */
        record Abandoning(Attempt attempt) implements Begun {}
    }

    /** Cancels an attempt waiting for the buyer's challenge at the provider, and settles it as it ended. */
    private Settled abandon(Attempt attempt) {
        ChargeOutcome outcome;
        try {
            outcome = attempt.providerRef() == null
                    ? payments.find(attempt.provider(), attempt.request(), null)
                    : payments.cancel(attempt.provider(), attempt.request(), attempt.providerRef());
        } catch (ProviderUnavailable e) {
            throw new PaymentInProgress(); // its outcome cannot be known now: the buyer waits for it
        }
        Settled settled = settle(attempt, outcome);
        if (settled instanceof Settled.StillOpen) {
            throw new PaymentInProgress();
        }
        return settled;
    }

    private Begun begin(Caller caller, UUID orderId, @Nullable String paymentMethod) {
        OrderRecords.Locked order = orders.lock(orderId).orElseThrow(OrderNotFound::new);
        requireBuyer(caller, order);
        if (paymentMethod == null || paymentMethod.isBlank() || paymentMethod.length() > 255) {
            throw new InvalidInput("paymentMethod", "must name a payment method (at most 255 characters)");
        }
        if (order.status() == OrderStatus.EXPIRED) {
            return new Begun.Expired(false);
        }
        OrderTransition.PAY.from(order.status());
        Instant now = clock.instant();
        var open = attempts.open(order.organizerId(), order.id());
        if (open.isPresent()) {
            if (!open.get().paymentMethod().equals(paymentMethod)) {
                if (open.get().status() == AttemptStatus.ACTION_REQUIRED) {
                    return new Begun.Abandoning(open.get());
                }
                throw new PaymentInProgress();
            }
            return new Begun.Charging(open.get(), false); // the same payment again: where does it stand?
        }
        if (!order.expiresAt().isAfter(now)) {
            inventory.apply(OrderTransition.EXPIRE, order.organizerId(), order.items());
            orders.close(order.organizerId(), order.id(), OrderTransition.EXPIRE, now);
            return new Begun.Expired(true);
        }
        String provider = payments.providerFor(paymentMethod);
        Attempt attempt = attempts.start(
                order.organizerId(), order.id(), provider, paymentMethod, order.totalCents(), order.currency(), now);
        orders.extendHold(order.organizerId(), order.id(), now.plus(settings.attemptHold()));
        return new Begun.Charging(attempt, true);
    }

    /** What settling an attempt did, for the one who asked. */
    sealed interface Settled {
        record Confirmed(UUID orderId) implements Settled {}

        record StillOpen(Attempt attempt, ChargeOutcome outcome) implements Settled {}

        record Declined(UUID orderId, String reason) implements Settled {}

        record Refunding(UUID orderId) implements Settled {}
    }

    /**
     * Records what the provider said of {@code attempt}, once: an attempt settled already (by the
     * buyer's request, a webhook, reconciliation) is left as it is and reported as it stands.
     */
    Settled settle(Attempt attempt, ChargeOutcome outcome) {
        return transactions.execute(status -> {
            OrderRecords.Locked order = orders.lock(attempt.orderId()).orElseThrow(OrderNotFound::new);
            Attempt current = attempts.lock(attempt.organizerId(), attempt.orderId(), attempt.number())
                    .orElseThrow(OrderNotFound::new);
            Instant now = clock.instant();
            if (!current.status().open()) {
                return standing(current, order);
            }
            return switch (outcome) {
                case ChargeOutcome.Succeeded succeeded -> succeeded(current, order, succeeded.reference(), now);
                case ChargeOutcome.Declined declined -> {
                    attempts.settle(
                            current, AttemptStatus.DECLINED, declined.reference(), null, declined.reason(), now);
                    resolvedAfterCommit(current, "declined");
                    yield new Settled.Declined(order.id(), declined.reason());
                }
                case ChargeOutcome.Cancelled cancelled -> {
                    String reason = "The payment was not completed.";
                    attempts.settle(current, AttemptStatus.CANCELLED, cancelled.reference(), null, reason, now);
                    resolvedAfterCommit(current, "cancelled");
                    yield new Settled.Declined(order.id(), reason);
                }
                case ChargeOutcome.ActionRequired action -> {
                    attempts.settle(
                            current,
                            AttemptStatus.ACTION_REQUIRED,
                            action.reference(),
                            action.nextActionUrl(),
                            null,
                            now);
                    yield new Settled.StillOpen(current, outcome);
                }
                case ChargeOutcome.Processing processing -> {
                    attempts.settle(current, AttemptStatus.PROCESSING, processing.reference(), null, null, now);
                    yield new Settled.StillOpen(current, outcome);
                }
            };
        });
    }

    private Settled succeeded(Attempt attempt, OrderRecords.Locked order, String reference, Instant now) {
        attempts.settle(attempt, AttemptStatus.SUCCEEDED, reference, null, null, now);
        resolvedAfterCommit(attempt, "succeeded");
        if (order.status() != OrderStatus.PENDING) {
            // the hold was released while the money moved: never confirmed beyond the quota
            log.atWarn()
                    .log(
                            "order {} was charged ({} {}) after its hold was released ({}): refunding in full",
                            order.id(),
                            attempt.provider(),
                            reference,
                            order.status());
            refunds.owe(List.of(order.id()), RefundReason.HOLD_RELEASED);
            metrics.afterCommit(metrics::chargedAfterRelease);
            return new Settled.Refunding(order.id());
        }
        orders.confirm(order.organizerId(), order.id(), now, attempt.paymentMethod(), reference);
        List<Order.Ticket> tickets = TicketCodes.issue(order.id(), order.items(), () -> Ids.newId(clock));
        orders.insertTickets(
                order.organizerId(),
                order.eventId(),
                tickets.stream().map(ticket -> order.id()).toList(),
                tickets);
        events.publishEvent(new OrdersConfirmed(List.of(order.id())));
        // last: the ticket type's counters are the event's hot row, locked from here to the commit; every
        // payment and every reservation batch of the event waits for it (the order itself is locked already)
        inventory.apply(OrderTransition.PAY, order.organizerId(), order.items());
        metrics.afterCommit(() -> metrics.confirmed(order.items()));
        return new Settled.Confirmed(order.id());
    }

    /** How an attempt settled before stands, for a request that comes after. */
    private static Settled standing(Attempt attempt, OrderRecords.Locked order) {
        return switch (attempt.status()) {
            case SUCCEEDED ->
                order.status() == OrderStatus.CONFIRMED
                        ? new Settled.Confirmed(order.id())
                        : new Settled.Refunding(order.id());
            case DECLINED, CANCELLED ->
                new Settled.Declined(
                        order.id(), attempt.failure() == null ? "The payment was declined." : attempt.failure());
            default -> throw new IllegalStateException("an open attempt is not settled: " + attempt);
        };
    }

    /** The answer to the buyer's request, or the problem it gets. */
    private Paid answer(Settled settled) {
        return switch (settled) {
            case Settled.Confirmed confirmed -> new Paid.Confirmed(confirmed.orderId());
            case Settled.Declined declined -> {
                metrics.order(OrderMetrics.Outcome.DECLINED);
                throw new PaymentDeclined(declined.reason());
            }
            case Settled.Refunding refunding -> throw new ChargedAfterRelease();
            case Settled.StillOpen open ->
                switch (open.outcome()) {
                    case ChargeOutcome.ActionRequired action ->
                        new Paid.ActionRequired(
                                open.attempt().orderId(), action.clientSecret(), action.nextActionUrl());
                    default -> new Paid.Pending(open.attempt().orderId());
                };
        };
    }

    private void resolvedAfterCommit(Attempt attempt, String outcome) {
        metrics.afterCommit(() -> payments.resolved(attempt.provider(), outcome));
    }

    private static void requireBuyer(Caller caller, OrderRecords.Locked order) {
        if (!order.buyerId().equals(caller.accountId())) {
            if (caller.mayChange(order.organizerId())) {
                throw new Forbidden("Only the buyer may pay for an order.");
            }
            throw new OrderNotFound();
        }
    }
}
