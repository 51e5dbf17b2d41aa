package io.boxoffice.orders;

import io.boxoffice.platform.domain.DomainException;
import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.platform.security.Caller;
import io.boxoffice.platform.web.ProblemStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key}: the first request with a key runs, and every later one with the same key
 * and the same request replays its outcome (the same order, or the same refusal); the same key with
 * another request is refused with 422. POST /orders records its keys inside the reservation
 * batch's transaction (no extra commit per order); a payment claims its key first, so two racing
 * payments with one key run once and the loser waits for the winner's outcome.
 *
 * <p>Keys live in a table partitioned by the month they were claimed in, which cannot hold a
 * unique index on (account, key): whoever records a key first takes a transaction-scoped advisory
 * lock on it, then looks it up among the keys still retained ({@code idempotency-retention}), then
 * records it, so two requests with one key never both record it. Older keys are ignored, then
 * dropped with their month's partition.
 */
@Component
class Idempotency {

    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration ABANDONED = Duration.ofSeconds(30);

    /** A key of one account. */
    record KeyOf(UUID accountId, String key) {}

    /** The recorded outcome of the first request with a key; {@code status} is null while it runs. */
    record Recorded(
            String fingerprint,
            Instant claimedAt,
            @Nullable Integer status,
            @Nullable UUID orderId,
            @Nullable String problemSlug,
            @Nullable String problemDetail) {

        /** Throws the refusal the first request got, as it got it. */
        void replayRefusal() {
            throw new ReplayedRefusal(status, problemSlug, problemDetail);
        }
    }

    /** An outcome to record: the order created, or the refusal given. */
    record Outcome(
            KeyOf key,
            String fingerprint,
            int status,
            @Nullable UUID orderId,
            @Nullable DomainException refusal) {}

    /** The same key was sent with a different request. */
    static final class KeyReused extends DomainException {
        KeyReused() {
            super(
                    Kind.UNPROCESSABLE,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different request.");
        }
    }

    /** The first request with this key is still running. */
    static final class InProgress extends DomainException {
        InProgress() {
            super(
                    Kind.CONFLICT,
                    "idempotency-in-progress",
                    "A request with this Idempotency-Key is still running; retry.");
        }
    }

    /** The refusal a first request got, given again to its retry. */
    static final class ReplayedRefusal extends DomainException {
        ReplayedRefusal(int status, String slug, String detail) {
            super(ProblemStatus.kindOf(status), slug, detail);
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OrderSettings settings;
    private final Clock clock;

    Idempotency(JdbcClient jdbc, TransactionTemplate transactions, OrderSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Fails with 400 for a key that is empty or too long; null (no key) is fine. */
    static void checkKey(@Nullable String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw new InvalidInput("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    /** A fingerprint of a request: what it does and with what. */
    static String fingerprint(String operation, Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((operation + " " + request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Takes the advisory locks of these keys until the current transaction ends, in a fixed order
     * (no deadlock between batches that share keys): the only writers of a key are its lock holders.
     */
    void lockAll(List<KeyOf> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        select count(pg_advisory_xact_lock(h))
                          from (select distinct hashtextextended(k.account_id || '/' || k.key, 0) as h
                                  from unnest(cast(:accounts as text[]), cast(:keys as text[])) as k(account_id, key)
                                 order by h) as locks
                        """)
                .param(
                        "accounts",
                        keys.stream().map(k -> k.accountId().toString()).toArray(String[]::new))
                .param("keys", keys.stream().map(KeyOf::key).toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    /** Keys claimed before this are forgotten: a request with one runs anew. */
    private Instant retainedSince() {
        return clock.instant().minus(settings.idempotencyRetention());
    }

    /** The recorded outcomes of these keys, in one query (for a reservation batch). */
    Map<KeyOf, Recorded> findAll(List<KeyOf> keys) {
        Map<KeyOf, Recorded> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select i.account_id, i.key, i.fingerprint, i.claimed_at, i.status, i.order_id,
                               i.problem_slug, i.problem_detail
                          from idempotency_key i
                          join unnest(cast(:accounts as uuid[]), cast(:keys as text[])) as k(account_id, key)
                            on k.account_id = i.account_id and k.key = i.key
                         where i.claimed_at > :since
                        """)
                .param("since", Timestamps.utc(retainedSince()))
                .param(
                        "accounts",
                        keys.stream().map(k -> k.accountId().toString()).toArray(String[]::new))
                .param("keys", keys.stream().map(KeyOf::key).toArray(String[]::new))
                .query((rs, n) ->
                        found.put(new KeyOf(rs.getObject("account_id", UUID.class), rs.getString("key")), recorded(rs)))
                .list();
        return found;
    }

    /** Records outcomes in one statement; returns how many keys were new (others raced in meanwhile). */
    int recordAll(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        insert into idempotency_key (account_id, key, fingerprint, claimed_at, status, order_id,
                                                     problem_slug, problem_detail)
                        select o.account_id, o.key, o.fingerprint, :now, o.status, o.order_id, o.slug, o.detail
                          from unnest(cast(:accounts as uuid[]), cast(:keys as text[]), cast(:fingerprints as text[]),
                                      cast(:statuses as int[]), cast(:orders as uuid[]), cast(:slugs as text[]),
                                      cast(:details as text[]))
                               as o(account_id, key, fingerprint, status, order_id, slug, detail)
                        on conflict do nothing
                        """)
                .param("now", Timestamps.utc(clock.instant()))
                .param(
                        "accounts",
                        outcomes.stream()
                                .map(o -> o.key().accountId().toString())
                                .toArray(String[]::new))
                .param("keys", outcomes.stream().map(o -> o.key().key()).toArray(String[]::new))
                .param(
                        "fingerprints",
                        outcomes.stream().map(Outcome::fingerprint).toArray(String[]::new))
                .param("statuses", outcomes.stream().map(Outcome::status).toArray(Integer[]::new))
                .param(
                        "orders",
                        outcomes.stream()
                                .map(o ->
                                        o.orderId() == null ? null : o.orderId().toString())
                                .toArray(String[]::new))
                .param(
                        "slugs",
                        outcomes.stream()
                                .map(o ->
                                        o.refusal() == null ? null : o.refusal().slug())
                                .toArray(String[]::new))
                .param(
                        "details",
                        outcomes.stream()
                                .map(o ->
                                        o.refusal() == null ? null : o.refusal().getMessage())
                                .toArray(String[]::new))
                .update();
    }

    /**
     * Runs {@code action} once per key (claiming the key first) and answers with {@code respond}
     * applied to its order. {@code committed} finds an order the first request committed without
     * completing its claim (a crash in between).
     */
    ResponseEntity<Object> run(
            Caller caller,
            @Nullable String key,
            String fingerprint,
            Supplier<Order> action,
            Function<String, Optional<Order>> committed,
            Function<Order, ResponseEntity<Object>> respond,
            Function<UUID, Order> load) {
        checkKey(key);
        if (key == null) {
            return respond.apply(action.get());
        }
        KeyOf keyOf = new KeyOf(caller.accountId(), key);
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            if (claim(keyOf, fingerprint)) {
                return execute(keyOf, action, respond);
            }
            Optional<Recorded> recorded =
                    Optional.ofNullable(findAll(List.of(keyOf)).get(keyOf));
            if (recorded.isEmpty()) {
                continue; // released by a first request that failed: claim it now
            }
            if (!recorded.get().fingerprint().equals(fingerprint)) {
                throw new KeyReused();
            }
            if (recorded.get().status() != null) {
                if (recorded.get().orderId() == null) {
                    recorded.get().replayRefusal();
                }
                return respond.apply(load.apply(recorded.get().orderId()));
            }
            Optional<Order> done = committed.apply(key);
            if (done.isPresent()) {
                complete(
                        keyOf,
                        respond.apply(done.get()).getStatusCode().value(),
                        done.get().id(),
                        null);
                return respond.apply(done.get());
            }
            if (recorded.get().claimedAt().isBefore(clock.instant().minus(ABANDONED))
                    && takeOver(keyOf, recorded.get().claimedAt())) {
                return execute(keyOf, action, respond);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new InProgress();
            }
            pause();
        }
    }

    private ResponseEntity<Object> execute(
            KeyOf key, Supplier<Order> action, Function<Order, ResponseEntity<Object>> respond) {
        Order order;
        try {
            order = action.get();
        } catch (DomainException refused) {
            complete(key, ProblemStatus.of(refused.kind()), null, refused);
            throw refused;
        } catch (RuntimeException failed) {
            jdbc.sql("""
                            delete from idempotency_key
                             where account_id = :accountId and key = :key and claimed_at > :since
                            """)
                    .param("accountId", key.accountId())
                    .param("key", key.key())
                    .param("since", Timestamps.utc(retainedSince()))
                    .update();
            throw failed;
        }
        ResponseEntity<Object> response = respond.apply(order);
        complete(key, response.getStatusCode().value(), order.id(), null);
        return response;
    }

    private boolean claim(KeyOf key, String fingerprint) {
        Boolean claimed = transactions.execute(status -> {
            lockAll(List.of(key));
            return jdbc.sql("""
                                    insert into idempotency_key (account_id, key, fingerprint, claimed_at)
                                    select :accountId, :key, :fingerprint, :now
                                     where not exists (select 1 from idempotency_key
                                                        where account_id = :accountId and key = :key
                                                          and claimed_at > :since)
                                    """)
                            .param("accountId", key.accountId())
                            .param("key", key.key())
                            .param("fingerprint", fingerprint)
                            .param("now", Timestamps.utc(clock.instant()))
                            .param("since", Timestamps.utc(retainedSince()))
                            .update()
                    == 1;
        });
        return Boolean.TRUE.equals(claimed);
    }

    private boolean takeOver(KeyOf key, Instant claimedAt) {
        Boolean taken = transactions.execute(status -> {
            lockAll(List.of(key));
            return jdbc.sql("""
                                    update idempotency_key set claimed_at = :now
                                     where account_id = :accountId and key = :key and status is null
                                       and claimed_at = :claimedAt
                                    """)
                            .param("accountId", key.accountId())
                            .param("key", key.key())
                            .param("claimedAt", Timestamps.utc(claimedAt))
                            .param("now", Timestamps.utc(clock.instant()))
                            .update()
                    == 1;
        });
        return Boolean.TRUE.equals(taken);
    }

    private void complete(KeyOf key, int status, @Nullable UUID orderId, @Nullable DomainException refusal) {
        jdbc.sql("""
                        update idempotency_key
                           set status = :status, order_id = :orderId, problem_slug = :slug, problem_detail = :detail
                         where account_id = :accountId and key = :key and claimed_at > :since
                        """)
                .param("since", Timestamps.utc(retainedSince()))
                .param("accountId", key.accountId())
                .param("key", key.key())
                .param("status", status)
                .param("orderId", orderId)
                .param("slug", refusal == null ? null : refusal.slug())
                .param("detail", refusal == null ? null : refusal.getMessage())
                .update();
    }

    private static Recorded recorded(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Recorded(
                rs.getString("fingerprint"),
                Timestamps.read(rs, "claimed_at"),
                rs.getObject("status", Integer.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("problem_slug"),
                rs.getString("problem_detail"));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InProgress();
        }
    }
}
