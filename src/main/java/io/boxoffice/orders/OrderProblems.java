package io.boxoffice.orders;

import io.boxoffice.platform.domain.DomainException;

/** The ways an order can fail, each named for what went wrong. */
final class OrderProblems {

    private OrderProblems() {}

    /** The stock cannot cover the whole order. */
    static final class SoldOut extends DomainException {
        SoldOut() {
            super(Kind.CONFLICT, "sold-out", "Not enough tickets are left to cover this order.");
        }
    }

    /** The event is not on sale: a draft, cancelled, or already started. */
    static final class SalesClosed extends DomainException {
        SalesClosed() {
            super(Kind.CONFLICT, "sales-closed", "This event is not on sale.");
        }
    }

    /** The event's sales open later. */
    static final class SalesNotOpen extends DomainException {
        private final java.time.Instant opensAt;

        SalesNotOpen(java.time.Instant opensAt) {
            super(Kind.CONFLICT, "sales-not-open", "Sales for this event open at " + opensAt + ".");
            this.opensAt = opensAt;
        }

        @Override
        public java.util.Map<String, Object> properties() {
            return java.util.Map.of("opensAt", opensAt.toString());
        }
    }

    /** More tickets of a type than one order may take. */
    static final class TooManyTickets extends DomainException {
        TooManyTickets(String detail) {
            super(Kind.UNPROCESSABLE, "max-per-order", detail);
        }
    }

    /** No order with that id is visible to the caller. */
    static final class OrderNotFound extends DomainException {
        OrderNotFound() {
            super(Kind.NOT_FOUND, "not-found", "No such order.");
        }
    }

    /** No published event with that id. */
    static final class EventUnknown extends DomainException {
        EventUnknown() {
            super(Kind.NOT_FOUND, "not-found", "No such event.");
        }
    }

    /** The hold ran out before it was paid. */
    static final class HoldExpired extends DomainException {
        HoldExpired() {
            super(Kind.GONE, "hold-expired", "The hold on these tickets expired; place a new order.");
        }
    }

    /**
     * The buyer was charged after the hold had been released (the event was cancelled meanwhile):
     * the order is not confirmed, and the charge is refunded in full.
     */
    static final class ChargedAfterRelease extends DomainException {
        ChargedAfterRelease() {
            super(
                    Kind.GONE,
                    "hold-expired",
                    "The hold on these tickets ended while the payment was made: the charge is being refunded in full.");
        }
    }

    /** Another payment of the order is under way (its outcome is not known yet). */
    static final class PaymentInProgress extends DomainException {
        PaymentInProgress() {
            super(Kind.CONFLICT, "payment-in-progress", "A payment of this order is under way; wait for its outcome.");
        }
    }

    /** The order is not in a state that allows this action. */
    static final class WrongState extends DomainException {
        WrongState(String detail) {
            super(Kind.CONFLICT, "order-state", detail);
        }
    }

    /** The payment provider declined the charge; the hold is kept until it expires. */
    static final class PaymentDeclined extends DomainException {
        PaymentDeclined(String reason) {
            super(Kind.PAYMENT_REQUIRED, "payment-declined", reason);
        }
    }

    /**
     * A hold could not be completed for a reason of the system's, not the request's (a failed
     * batch, a database that did not answer): sent again with the same Idempotency-Key, it gets
     * the order if one was made, and is tried anew if not.
     */
    static final class TryAgain extends DomainException {
        TryAgain() {
            super(
                    Kind.UNAVAILABLE,
                    "try-again",
                    "The order could not be completed just now; send it again with the same Idempotency-Key.");
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", "1");
        }
    }

    /** The same Idempotency-Key was sent with a different request. */
    static final class KeyReused extends DomainException {
        KeyReused() {
            super(
                    Kind.UNPROCESSABLE,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request.");
        }
    }

    /** The first request with this Idempotency-Key is still running. */
    static final class KeyInProgress extends DomainException {
        KeyInProgress() {
            super(
                    Kind.CONFLICT,
                    "idempotency-in-progress",
                    "A request with this Idempotency-Key is still running; retry.");
        }
    }

    /** The refusal a first request with an Idempotency-Key got, given again to its retry. */
    static final class ReplayedRefusal extends DomainException {
        ReplayedRefusal(Kind kind, String slug, String detail) {
            super(kind, slug, detail);
        }
    }
}
