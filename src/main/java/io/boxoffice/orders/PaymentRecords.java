package io.boxoffice.orders;

import io.boxoffice.payments.ChargeRequest;
import io.boxoffice.platform.jdbc.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment history of orders: charge attempts, refunds and disputes (tables of migration 15). */
@Repository
class PaymentRecords {

    /** Where a charge attempt stands; the first three are open (its outcome is not known yet). */
    enum AttemptStatus {
        STARTED,
        ACTION_REQUIRED,
        PROCESSING,
        SUCCEEDED,
        DECLINED,
        CANCELLED;

        boolean open() {
            return this == STARTED || this == ACTION_REQUIRED || this == PROCESSING;
        }
    }

    /** One attempt to charge an order. */
    record Attempt(
            UUID organizerId,
            UUID orderId,
            int number,
            String provider,
            String paymentMethod,
            long amountCents,
            String currency,
            AttemptStatus status,
            @Nullable String providerRef,
            @Nullable String nextActionUrl,
            @Nullable String failure,
            Instant startedAt,
            @Nullable Instant resolvedAt) {

        /** The request to the provider this attempt is, the same every time it is sent. */
        ChargeRequest request() {
            return new ChargeRequest(orderId, organizerId, number, amountCents, currency, paymentMethod);
        }
    }

    enum RefundReason {
        ORDER_CANCELLED,
        EVENT_CANCELLED,
        HOLD_RELEASED,
        PARTIAL
    }

    enum RefundStatus {
        PENDING,
        SUCCEEDED,
        FAILED
    }

    /** Money owed back, or sent back, from one charge. */
    record Refund(
            UUID organizerId,
            UUID orderId,
            UUID id,
            int attempt,
            long amountCents,
            String currency,
            RefundReason reason,
            RefundStatus status,
            @Nullable String providerRef,
            @Nullable String failure,
            Instant createdAt,
            @Nullable Instant completedAt) {}

    /** A charge the buyer disputed with their bank. */
    record Dispute(
            UUID orderId,
            String providerRef,
            long amountCents,
            String currency,
            String reason,
            String status,
            Instant openedAt) {}

    private static final String ATTEMPT_COLUMNS = "organizer_id, order_id, attempt, provider, payment_method,"
            + " amount_cents, currency, status, provider_ref, next_action_url, failure, started_at, resolved_at";
    private static final String REFUND_COLUMNS = "organizer_id, order_id, id, attempt, amount_cents, currency, reason,"
            + " status, provider_ref, failure, created_at, completed_at";

    private final JdbcClient jdbc;

    PaymentRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new attempt of the locked order, open, numbered after its last one. */
    Attempt start(
            UUID organizerId,
            UUID orderId,
            String provider,
            String paymentMethod,
            long amount,
            String currency,
            Instant at) {
        return jdbc.sql("""
                        insert into payment_attempt (organizer_id, order_id, attempt, provider, payment_method, amount_cents,
                                                     currency, status, started_at)
                        select :organizerId, :orderId, coalesce(max(attempt), 0) + 1, :provider, :method, :amount, :currency,
                               'STARTED', :at
                          from payment_attempt where organizer_id = :organizerId and order_id = :orderId
                        returning\s""" + ATTEMPT_COLUMNS)
                .param("organizerId", organizerId)
                .param("orderId", orderId)
                .param("provider", provider)
                .param("method", paymentMethod)
                .param("amount", amount)
                .param("currency", currency)
                .param("at", Timestamps.utc(at))
                .query((rs, n) -> attempt(rs))
                .single();
    }

    /** The order's open attempt, if it has one. */
    Optional<Attempt> open(UUID organizerId, UUID orderId) {
        return jdbc.sql("select " + ATTEMPT_COLUMNS + " from payment_attempt"
                        + " where organizer_id = :organizerId and order_id = :orderId and resolved_at is null")
                .param("organizerId", organizerId)
                .param("orderId", orderId)
                .query((rs, n) -> attempt(rs))
                .optional();
    }

    /** Locks one attempt, to settle it. */
    Optional<Attempt> lock(UUID organizerId, UUID orderId, int number) {
        return one(organizerId, orderId, number, " for update");
    }

    /** One attempt, unlocked. */
    Optional<Attempt> find(UUID organizerId, UUID orderId, int number) {
        return one(organizerId, orderId, number, "");
    }

    private Optional<Attempt> one(UUID organizerId, UUID orderId, int number, String locking) {
        return jdbc.sql("select " + ATTEMPT_COLUMNS + " from payment_attempt"
                        + " where organizer_id = :organizerId and order_id = :orderId and attempt = :attempt" + locking)
                .param("organizerId", organizerId)
                .param("orderId", orderId)
                .param("attempt", number)
                .query((rs, n) -> attempt(rs))
                .optional();
    }

    /** The attempt the provider knows as {@code reference}. */
    Optional<Attempt> byReference(String reference) {
        return jdbc.sql("select " + ATTEMPT_COLUMNS + " from payment_attempt where provider_ref = :ref")
                .param("ref", reference)
                .query((rs, n) -> attempt(rs))
                .optional();
    }

    /** Moves an attempt to {@code status}; a final status resolves it. */
    void settle(
            Attempt attempt,
            AttemptStatus status,
            @Nullable String reference,
            @Nullable String nextActionUrl,
            @Nullable String failure,
            Instant at) {
        jdbc.sql("""
                        update payment_attempt
                           set status = :status, provider_ref = coalesce(:ref, provider_ref),
                               next_action_url = :next, failure = :failure,
                               resolved_at = case when :open then null else cast(:at as timestamptz) end
                         where organizer_id = :organizerId and order_id = :orderId and attempt = :attempt
                        """)
                .param("status", status.name())
                .param("ref", reference)
                .param("next", nextActionUrl)
                .param("failure", failure)
                .param("open", status.open())
                .param("at", Timestamps.utc(at))
                .param("organizerId", attempt.organizerId())
                .param("orderId", attempt.orderId())
                .param("attempt", attempt.number())
                .update();
    }

    /** Open attempts that started before {@code before}, oldest first. */
    List<Attempt> openSince(Instant before, int limit) {
        return jdbc.sql("select " + ATTEMPT_COLUMNS + " from payment_attempt"
                        + " where resolved_at is null and started_at < :before order by started_at limit :limit")
                .param("before", Timestamps.utc(before))
                .param("limit", limit)
                .query((rs, n) -> attempt(rs))
                .list();
    }

    /**
     * How many attempts have an outcome nobody knows: started (or processing) before {@code
     * unknownSince} and still open, or waiting for a challenge since before {@code challengeSince}.
     */
    long unknownCount(Instant unknownSince, Instant challengeSince) {
        return jdbc.sql("""
                        select count(*) from payment_attempt
                         where resolved_at is null
                           and ((status <> 'ACTION_REQUIRED' and started_at < :unknownSince)
                                or (status = 'ACTION_REQUIRED' and started_at < :challengeSince))
                        """)
                .param("unknownSince", Timestamps.utc(unknownSince))
                .param("challengeSince", Timestamps.utc(challengeSince))
                .query(Long.class)
                .single();
    }

    /**
     * Owes back what is left of each of these orders' charges (all of it, less refunds made or
     * owed already): one pending refund per charge, in one statement. Returns how many.
     */
    int oweAll(List<UUID> orderIds, RefundReason reason, Instant at) {
        if (orderIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into refund (organizer_id, order_id, id, attempt, amount_cents, currency, reason, status,
                                            created_at)
                        select a.organizer_id, a.order_id, gen_random_uuid(), a.attempt,
                               a.amount_cents - coalesce(r.refunded, 0), a.currency, :reason, 'PENDING', :at
                          from payment_attempt a
                          left join lateral (select sum(amount_cents) as refunded from refund r
                                              where r.organizer_id = a.organizer_id and r.order_id = a.order_id
                                                and r.attempt = a.attempt and r.status <> 'FAILED') r on true
                         where a.order_id = any(cast(:ids as uuid[])) and a.status = 'SUCCEEDED'
                           and a.amount_cents > coalesce(r.refunded, 0)
                        """)
                .param("ids", orderIds.stream().map(UUID::toString).toArray(String[]::new))
                .param("reason", reason.name())
                .param("at", Timestamps.utc(at))
                .update();
    }

    /** A refund to send, with the charge it pays back. */
    record Owed(Refund refund, String provider, String chargeReference) {}

    /** The order's refunds the provider has not confirmed yet. */
    List<Owed> pendingRefunds(UUID orderId) {
        return jdbc.sql("""
                        select r.organizer_id, r.order_id, r.id, r.attempt, r.amount_cents, r.currency, r.reason, r.status,
                               r.provider_ref, r.failure, r.created_at, r.completed_at,
                               a.provider as charge_provider, a.provider_ref as charge_ref
                          from refund r
                          join payment_attempt a on a.organizer_id = r.organizer_id and a.order_id = r.order_id
                                                and a.attempt = r.attempt
                         where r.order_id = :orderId and r.status = 'PENDING'
                         order by r.created_at, r.id
                        """)
                .param("orderId", orderId)
                .query((rs, n) -> new Owed(refund(rs), rs.getString("charge_provider"), rs.getString("charge_ref")))
                .list();
    }

    void settleRefund(
            Refund refund, RefundStatus status, @Nullable String reference, @Nullable String failure, Instant at) {
        jdbc.sql("""
                        update refund set status = :status, provider_ref = coalesce(:ref, provider_ref), failure = :failure,
                                          completed_at = case when :status = 'PENDING' then null else cast(:at as timestamptz) end
                         where organizer_id = :organizerId and order_id = :orderId and id = :id
                        """)
                .param("status", status.name())
                .param("ref", reference)
                .param("failure", failure)
                .param("at", Timestamps.utc(at))
                .param("organizerId", refund.organizerId())
                .param("orderId", refund.orderId())
                .param("id", refund.id())
                .update();
    }

    /**
     * Records that the provider refused a refund, and owes the same amount again under {@code
     * newId} (a new idempotency key: the refused one would only be refused again), in one statement.
     */
    void refundFailedOwedAgain(Refund refund, @Nullable String reference, String failure, UUID newId, Instant at) {
        jdbc.sql("""
                        with failed as (
                            update refund set status = 'FAILED', provider_ref = coalesce(:ref, provider_ref),
                                              failure = :failure, completed_at = :at
                             where organizer_id = :organizerId and order_id = :orderId and id = :id and status = 'PENDING'
                            returning organizer_id, order_id, attempt, amount_cents, currency, reason)
                        insert into refund (organizer_id, order_id, id, attempt, amount_cents, currency, reason, status,
                                            created_at)
                        select organizer_id, order_id, :newId, attempt, amount_cents, currency, reason, 'PENDING', :at
                          from failed
                        """)
                .param("ref", reference)
                .param("failure", failure)
                .param("at", Timestamps.utc(at))
                .param("organizerId", refund.organizerId())
                .param("orderId", refund.orderId())
                .param("id", refund.id())
                .param("newId", newId)
                .update();
    }

    /** Records a dispute once, and flags its order; false if it was known already. */
    boolean dispute(Attempt charge, String reference, long amount, String reason, String status, Instant at) {
        int added = jdbc.sql("""
                        insert into dispute (organizer_id, order_id, provider_ref, amount_cents, currency, reason, status,
                                             opened_at)
                        values (:organizerId, :orderId, :ref, :amount, :currency, :reason, :status, :at)
                        on conflict do nothing
                        """)
                .param("organizerId", charge.organizerId())
                .param("orderId", charge.orderId())
                .param("ref", reference)
                .param("amount", amount)
                .param("currency", charge.currency())
                .param("reason", reason)
                .param("status", status)
                .param("at", Timestamps.utc(at))
                .update();
        if (added > 0) {
            jdbc.sql("update orders set disputed_at = coalesce(disputed_at, :at)"
                            + " where organizer_id = :organizerId and id = :orderId")
                    .param("at", Timestamps.utc(at))
                    .param("organizerId", charge.organizerId())
                    .param("orderId", charge.orderId())
                    .update();
        }
        return added > 0;
    }

    List<Attempt> attemptsOf(UUID orderId) {
        return jdbc.sql("select " + ATTEMPT_COLUMNS
                        + " from payment_attempt where order_id = :orderId order by attempt")
                .param("orderId", orderId)
                .query((rs, n) -> attempt(rs))
                .list();
    }

    List<Refund> refundsOf(UUID orderId) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refund where order_id = :orderId order by created_at, id")
                .param("orderId", orderId)
                .query((rs, n) -> refund(rs))
                .list();
    }

    List<Dispute> disputesOf(UUID orderId) {
        return jdbc.sql("select order_id, provider_ref, amount_cents, currency, reason, status, opened_at from dispute"
                        + " where order_id = :orderId order by opened_at")
                .param("orderId", orderId)
                .query((rs, n) -> new Dispute(
                        rs.getObject("order_id", UUID.class),
                        rs.getString("provider_ref"),
                        rs.getLong("amount_cents"),
                        rs.getString("currency"),
                        rs.getString("reason"),
                        rs.getString("status"),
                        Timestamps.read(rs, "opened_at")))
                .list();
    }

    private static Attempt attempt(ResultSet rs) throws SQLException {
        return new Attempt(
                rs.getObject("organizer_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getInt("attempt"),
                rs.getString("provider"),
                rs.getString("payment_method"),
                rs.getLong("amount_cents"),
                rs.getString("currency"),
                AttemptStatus.valueOf(rs.getString("status")),
                rs.getString("provider_ref"),
                rs.getString("next_action_url"),
                rs.getString("failure"),
                Timestamps.read(rs, "started_at"),
                Timestamps.read(rs, "resolved_at"));
    }

    private static Refund refund(ResultSet rs) throws SQLException {
        return new Refund(
                rs.getObject("organizer_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("id", UUID.class),
                rs.getInt("attempt"),
                rs.getLong("amount_cents"),
                rs.getString("currency"),
                RefundReason.valueOf(rs.getString("reason")),
                RefundStatus.valueOf(rs.getString("status")),
                rs.getString("provider_ref"),
                rs.getString("failure"),
                Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "completed_at"));
    }
}
