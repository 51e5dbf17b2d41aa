package io.boxoffice.orders;

import io.boxoffice.platform.domain.InvalidInput;
import io.boxoffice.platform.jdbc.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code idempotency_key} table: which request first used each key of an account, and what it
 * was answered. Both protocols use it: the reservation batch records its keys inside its own
 * transaction ({@link ReservationBatcher}), a payment claims its key first ({@link IdempotentRequests}).
 *
 * <p>Keys live in a table partitioned by the month they were claimed in, which cannot hold a
 * unique index on (account, key): whoever records a key first takes a transaction-scoped advisory
 * lock on it, then looks it up among the keys still retained ({@code idempotency-retention}), then
 * records it, so two requests with one key never both record it. Older keys are ignored, then
 * dropped with their month's partition.
 */
@Repository
class IdempotencyKeys {

    private static final int MAX_KEY_LENGTH = 255;

    /** A key of one account. */
    record KeyOf(UUID accountId, String key) {}

    /**
     * The recorded outcome of the first request with a key: the status it was answered with (null
     * while it runs), and its order or its refusal.
     */
    record Recorded(
            String fingerprint,
            Instant claimedAt,
            @Nullable Integer status,
            @Nullable UUID orderId,
            @Nullable String problemSlug,
            @Nullable String problemDetail) {

        /** Whether the first request has finished. */
        boolean done() {
            return status != null;
        }
    }

    /** An outcome to record: the status answered, and the order created or the refusal given. */
    record Outcome(
            KeyOf key,
            String fingerprint,
            int status,
            @Nullable UUID orderId,
            @Nullable String problemSlug,
            @Nullable String problemDetail) {}

    /**
     * The batch's look-up, by parameter position for {@link #findAll}. It is planned at every
     * execution, never kept as a server-side prepared statement: the driver prepares a statement on
     * the server after five runs, and PostgreSQL then keeps a generic plan, made for the month's
     * key partition as it was then. A partition starts empty each month (and with the database),
     * so that plan was a sequential scan, and it stayed one, reading the whole partition once per
     * batch, until autovacuum's first ANALYZE replanned it (938 such scans, 62.8 million rows read,
     * in one flash sale). Planning it costs about 1 ms of the database's CPU per batch.
     */
    private static final String FIND_ALL = """
            select i.account_id, i.key, i.fingerprint, i.claimed_at, i.status, i.order_id,
                   i.problem_slug, i.problem_detail
              from idempotency_key i
              join unnest(cast(? as uuid[]), cast(? as text[])) as k(account_id, key)
                on k.account_id = i.account_id and k.key = i.key
             where i.claimed_at > ?
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate plannedEachTime;
    private final TransactionTemplate transactions;
    private final OrderSettings settings;
    private final Clock clock;

    IdempotencyKeys(
            JdbcClient jdbc,
            JdbcTemplate plannedEachTime,
            TransactionTemplate transactions,
            OrderSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.plannedEachTime = plannedEachTime;
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

    /**
     * A fingerprint of a request: the operation and each of the fields that decide what it does,
     * each length-prefixed so that no two different requests read the same.
     */
    static String fingerprint(String operation, List<String> fields) {
        StringBuilder text = new StringBuilder(operation);
        for (String field : fields) {
            text.append('\n').append(field.length()).append(':').append(field);
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
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
        String[] accounts = keys.stream().map(k -> k.accountId().toString()).toArray(String[]::new);
        String[] texts = keys.stream().map(KeyOf::key).toArray(String[]::new);
        OffsetDateTime since = Timestamps.utc(retainedSince());
        plannedEachTime.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(FIND_ALL);
                    if (statement.isWrapperFor(PGStatement.class)) {
                        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                    }
                    statement.setObject(1, accounts);
                    statement.setObject(2, texts);
                    statement.setObject(3, since);
                    return statement;
                },
                (RowCallbackHandler) rs -> found.put(
                        new KeyOf(rs.getObject("account_id", UUID.class), rs.getString("key")), recorded(rs)));
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
                .param("slugs", outcomes.stream().map(Outcome::problemSlug).toArray(String[]::new))
                .param("details", outcomes.stream().map(Outcome::problemDetail).toArray(String[]::new))
                .update();
    }

    /** Forgets a key whose first request failed without an answer to keep: a retry runs anew. */
    void release(KeyOf key) {
        jdbc.sql("""
                        delete from idempotency_key
                         where account_id = :accountId and key = :key and claimed_at > :since
                        """)
                .param("accountId", key.accountId())
                .param("key", key.key())
                .param("since", Timestamps.utc(retainedSince()))
                .update();
    }

    /** Claims a key for a request that is about to run; false if it is recorded already. */
    boolean claim(KeyOf key, String fingerprint) {
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

    /** Takes over a key whose first request was abandoned when claimed at {@code claimedAt}. */
    boolean takeOver(KeyOf key, Instant claimedAt) {
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

    /** Records what the request that claimed the key was answered. */
    void complete(KeyOf key, int status, @Nullable UUID orderId, @Nullable String slug, @Nullable String detail) {
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
                .param("slug", slug)
                .param("detail", detail)
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
}
