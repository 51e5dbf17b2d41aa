package io.boxoffice.platform.database;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads that say how fresh they are, for caches. The read runs in its own read-only transaction,
 * on a replica that has replayed at least the given position (or the primary), and reports the
 * server's position taken just before its statements: the result reflects every write at or
 * before that position. A cache compares it with invalidations and Consistency-Tokens, so a
 * value read from a lagging replica never passes for a newer one.
 */
public final class PositionedReads {

    private static final String POSITION = """
            select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn()
                         else pg_current_wal_insert_lsn() end)::text""";

    private final TransactionTemplate readOnly;
    private final JdbcClient jdbc;

    PositionedReads(PlatformTransactionManager transactions, JdbcClient jdbc) {
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
    }

    /** What {@code reads} returns, read at a position at or after {@code atLeast} and the request's token. */
    public <T> Positioned<T> read(@Nullable Lsn atLeast, Supplier<T> reads) {
        RequestState previous = RequestState.requiring(atLeast);
        try {
            ReplicaRouter.takeServedBy();
            try {
                return once(reads);
            } catch (DataAccessException | TransactionException e) {
                Replica replica = ReplicaRouter.takeServedBy();
                if (replica == null) {
                    throw e;
                }
                if (ReplicaReadRetry.isConnectionFailure(e)) {
                    replica.failed(e);
                }
                return DatabaseRouting.onPrimary(() -> once(reads));
            }
        } finally {
            RequestState.restore(previous);
        }
    }

    private <T> Positioned<T> once(Supplier<T> reads) {
        return readOnly.execute(status -> {
            Lsn position = Lsn.parse(jdbc.sql(POSITION).query(String.class).single());
            return new Positioned<>(reads.get(), position);
        });
    }

    /** A value and the position it reflects. */
    public record Positioned<T>(T value, Lsn position) {}
}
