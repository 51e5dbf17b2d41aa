package io.boxoffice.orders;

import io.boxoffice.orders.OrderProblems.WrongState;
import org.jspecify.annotations.Nullable;

/**
 * Every move an order makes, from where each is allowed, and what it does to its ticket type's
 * counters. This is the order's lifecycle in one place: the SQL that applies a move
 * ({@link Inventory}, {@link OrderRecords}) takes a transition, never a status or a column name.
 *
 * <pre>
 *            HOLD           PAY                REFUND
 *   (new) ─────────▶ PENDING ─────▶ CONFIRMED ─────────▶ REFUNDED
 *     │                 │  ╲                ▲
 *     │                 │   ╲ EXPIRE        │
 *     │          CANCEL │    ▶ EXPIRED      │
 *     │                 ▼                   │
 *     │             CANCELLED               │
 *     └──────────────── SELL (a free order) ┘
 * </pre>
 */
enum OrderTransition {
    /** A paid order's tickets are held for the buyer until the hold runs out. */
    HOLD(null, OrderStatus.PENDING, null, Counter.HELD),
    /** A free order is sold at once, with its tickets. */
    SELL(null, OrderStatus.CONFIRMED, null, Counter.SOLD),
    /** The payment went through: the held tickets are sold. */
    PAY(OrderStatus.PENDING, OrderStatus.CONFIRMED, Counter.HELD, Counter.SOLD),
    /** The hold ran out: its tickets go back on sale. */
    EXPIRE(OrderStatus.PENDING, OrderStatus.EXPIRED, Counter.HELD, null),
    /** The buyer let the hold go, or the event was cancelled: its tickets go back. */
    CANCEL(OrderStatus.PENDING, OrderStatus.CANCELLED, Counter.HELD, null),
    /** A purchase is given back: the money returns and the tickets go back on sale. */
    REFUND(OrderStatus.CONFIRMED, OrderStatus.REFUNDED, Counter.SOLD, null);

    /** A ticket type's counters of tickets that are taken, as {@code ticket_type} names them. */
    enum Counter {
        HELD("held"),
        SOLD("sold");

        private final String column;

        Counter(String column) {
            this.column = column;
        }

        /** The column of {@code ticket_type} that counts these tickets. */
        String column() {
            return column;
        }
    }

    private final @Nullable OrderStatus from;
    private final OrderStatus to;
    private final @Nullable Counter released;
    private final @Nullable Counter added;

    OrderTransition(@Nullable OrderStatus from, OrderStatus to, @Nullable Counter released, @Nullable Counter added) {
        this.from = from;
        this.to = to;
        this.released = released;
        this.added = added;
    }

    /** The status this move starts from; none for the moves that create an order. */
    @Nullable
    OrderStatus from() {
        return from;
    }

    /** The status the order has after the move. */
    OrderStatus to() {
        return to;
    }

    /** The counter the order's tickets leave, if any. */
    @Nullable
    Counter released() {
        return released;
    }

    /** The counter the order's tickets join, if any. */
    @Nullable
    Counter added() {
        return added;
    }

    /** Whether the move closes the order for good (its tickets leave the counters). */
    boolean closes() {
        return added == null;
    }

    /** How a new order starts: held, or sold at once when it is free. */
    static OrderTransition placing(boolean free) {
        return free ? SELL : HOLD;
    }

    /** How an order the buyer (or its organizer) cancels is closed: a hold is let go, a purchase refunded. */
    static OrderTransition cancelling(OrderStatus current) {
        return switch (current) {
            case PENDING -> CANCEL;
            case CONFIRMED -> REFUND;
            default -> throw new WrongState("The order is " + current + " and cannot be cancelled.");
        };
    }

    /** Checks the move is allowed from {@code current}; fails with the order's state otherwise. */
    OrderTransition from(OrderStatus current) {
        if (from != current) {
            throw new WrongState("The order is " + current + " and cannot be " + verb() + ".");
        }
        return this;
    }

    private String verb() {
        return switch (this) {
            case HOLD -> "held";
            case SELL -> "sold";
            case PAY -> "paid";
            case EXPIRE -> "expired";
            case CANCEL -> "cancelled";
            case REFUND -> "refunded";
        };
    }
}
