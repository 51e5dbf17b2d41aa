package io.boxoffice.orders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What an operator watches on on-sale day, counted where it is decided and after it commits:
 * orders by outcome, tickets sold, holds expired, and how the reservation batcher keeps up
 * (requests per batch, time a request waits in its event's queue). Buckets are fixed so the
 * quantiles are computable in Prometheus at a bounded series count.
 */
@Component
class OrderMetrics {

    /** What became of an order request or an order; the {@code outcome} tag of {@code boxoffice_orders_total}. */
    enum Outcome {
        /** a paid order's tickets are held, awaiting payment */
        HELD,
        /** paid, or free and confirmed at once */
        CONFIRMED,
        SOLD_OUT,
        SALES_CLOSED,
        /** the payment provider declined; the hold stands */
        DECLINED,
        CANCELLED,
        REFUNDED
    }

    private final Map<Outcome, Counter> orders = new EnumMap<>(Outcome.class);
    private final Counter ticketsSold;
    private final Counter holdsExpired;
    private final Counter refundsPaid;
    private final Counter chargedAfterRelease;
    private final Counter commitOutcomeUnknown;
    private final DistributionSummary batchSize;
    private final Timer queueWait;

    OrderMetrics(MeterRegistry meters) {
        for (Outcome outcome : Outcome.values()) {
            orders.put(
                    outcome,
                    Counter.builder("boxoffice.orders")
                            .description("Order requests and orders by what became of them")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(meters));
        }
        commitOutcomeUnknown = Counter.builder("boxoffice.orders.batches.commit.unknown")
                .description(
                        "Reservation batches whose connection was lost as they committed, resolved by asking again")
                .register(meters);
        ticketsSold = Counter.builder("boxoffice.tickets.sold")
                .description("Tickets issued to confirmed orders")
                .register(meters);
        holdsExpired = Counter.builder("boxoffice.holds.expired")
                .description("Holds released because their time ran out (by the sweeper or at payment)")
                .register(meters);
        chargedAfterRelease = Counter.builder("boxoffice.payments.charged.after.release")
                .description("Charges that succeeded after their order's hold was released, refunded in full")
                .register(meters);
        refundsPaid = Counter.builder("boxoffice.refunds.paid")
                .description("Refunds the payment provider accepted (after the refund committed)")
                .register(meters);
        batchSize = DistributionSummary.builder("boxoffice.reservation.batch.size")
                .description("Order requests decided together in one reservation transaction")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500)
                .register(meters);
        queueWait = Timer.builder("boxoffice.reservation.queue.wait")
                .description("Time an order request waits in its event's queue before its batch starts")
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2))
                .register(meters);
    }

    void order(Outcome outcome) {
        orders.get(outcome).increment();
    }

    void order(Outcome outcome, int count) {
        if (count > 0) {
            orders.get(outcome).increment(count);
        }
    }

    /** Runs {@code count} once the current transaction commits (at once outside one): a rollback counts nothing. */
    void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }

    /** A refusal the batcher decided, by its kind; other failures are not order outcomes. */
    void refused(RuntimeException reason) {
        if (reason instanceof OrderProblems.SoldOut) {
            order(Outcome.SOLD_OUT);
        } else if (reason instanceof OrderProblems.SalesClosed) {
            order(Outcome.SALES_CLOSED);
        }
    }

    /** A confirmed order and its tickets. */
    void confirmed(List<Order.Item> items) {
        order(Outcome.CONFIRMED);
        ticketsSold.increment(items.stream().mapToInt(Order.Item::quantity).sum());
    }

    void holdsExpired(int count) {
        if (count > 0) {
            holdsExpired.increment(count);
        }
    }

    /** A charge that succeeded after its order's hold was released, refunded in full. */
    void chargedAfterRelease() {
        chargedAfterRelease.increment();
    }

    void refundPaid() {
        refundsPaid.increment();
    }

    void commitOutcomeUnknown() {
        commitOutcomeUnknown.increment();
    }

    void batch(int size) {
        batchSize.record(size);
    }

    void queued(long nanos) {
        queueWait.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
