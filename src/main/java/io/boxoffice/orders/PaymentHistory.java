package io.boxoffice.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order's money, as its buyer, its organizer and administrators may read it: every attempt to
 * charge it and how it ended, every refund, every dispute, with the provider's ids. {@code
 * chargedCents} is what succeeded; {@code refundedCents} what went back or is owed back, never more
 * than was charged.
 */
public record PaymentHistory(
        UUID orderId,
        long totalCents,
        String currency,
        long chargedCents,
        long refundedCents,
        List<Attempt> attempts,
        List<Refund> refunds,
        List<Dispute> disputes) {

    public record Attempt(
            int attempt,
            String provider,
            String paymentMethod,
            long amountCents,
            String currency,
            PaymentRecords.AttemptStatus status,
            @Nullable String providerReference,
            @Nullable String failure,
            Instant startedAt,
            @Nullable Instant resolvedAt) {}

    public record Refund(
            UUID id,
            int attempt,
            long amountCents,
            String currency,
            PaymentRecords.RefundReason reason,
            PaymentRecords.RefundStatus status,
            @Nullable String providerReference,
            @Nullable String failure,
            Instant createdAt,
            @Nullable Instant completedAt) {}

    public record Dispute(
            String providerReference,
            long amountCents,
            String currency,
            String reason,
            String status,
            Instant openedAt) {}

    static PaymentHistory of(
            Order order,
            List<PaymentRecords.Attempt> attempts,
            List<PaymentRecords.Refund> refunds,
            List<PaymentRecords.Dispute> disputes) {
        long charged = attempts.stream()
                .filter(attempt -> attempt.status() == PaymentRecords.AttemptStatus.SUCCEEDED)
                .mapToLong(PaymentRecords.Attempt::amountCents)
                .sum();
        long refunded = refunds.stream()
                .filter(refund -> refund.status() != PaymentRecords.RefundStatus.FAILED)
                .mapToLong(PaymentRecords.Refund::amountCents)
                .sum();
        return new PaymentHistory(
                order.id(),
                order.totalCents(),
                order.currency(),
                charged,
                refunded,
                attempts.stream()
                        .map(a -> new Attempt(
                                a.number(),
                                a.provider(),
                                a.paymentMethod(),
                                a.amountCents(),
                                a.currency(),
                                a.status(),
                                a.providerRef(),
                                a.failure(),
                                a.startedAt(),
                                a.resolvedAt()))
                        .toList(),
                refunds.stream()
                        .map(r -> new Refund(
                                r.id(),
                                r.attempt(),
                                r.amountCents(),
                                r.currency(),
                                r.reason(),
                                r.status(),
                                r.providerRef(),
                                r.failure(),
                                r.createdAt(),
                                r.completedAt()))
                        .toList(),
                disputes.stream()
                        .map(d -> new Dispute(
                                d.providerRef(), d.amountCents(), d.currency(), d.reason(), d.status(), d.openedAt()))
                        .toList());
    }
}
