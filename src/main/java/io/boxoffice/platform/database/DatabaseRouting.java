package io.boxoffice.platform.database;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What other modules tell the database routing. Read-only transactions go to a replica by default;
 * a read that decides something (the price a buyer pays, whether a password matches) runs through
 * {@link #onPrimary}; work that wrote outside the request's own transactions reports its position
 * through {@link #wroteAt}, so the request's response carries a Consistency-Token covering it.
 */
public final class DatabaseRouting {

    private static final ThreadLocal<Boolean> PRIMARY_ONLY = new ThreadLocal<>();

    private DatabaseRouting() {}

    /** Runs {@code reads} with every transaction on the primary, read-only ones included. */
    public static <T> T onPrimary(Supplier<T> reads) {
        if (Boolean.TRUE.equals(PRIMARY_ONLY.get())) {
            return reads.get();
        }
        PRIMARY_ONLY.set(true);
        try {
            return reads.get();
        } finally {
            PRIMARY_ONLY.remove();
        }
    }

    /**
     * The current request wrote data that is durable on the primary at or before {@code position}
     * ({@code null}: at a position to be asked of the primary when the response is sent).
     */
    public static void wroteAt(@Nullable Lsn position) {
        RequestState state = RequestState.current();
        if (state == null) {
            return;
        }
        if (position == null) {
            state.wrote();
        } else {
            state.wroteAt(position);
        }
    }

    /** The position the current request's Consistency-Token requires it to see; null without one. */
    public static @Nullable Lsn requiredPosition() {
        RequestState state = RequestState.current();
        return state == null ? null : state.required();
    }

    /**
     * Whether {@code failure} is the loss of the connection to the database server (SQLSTATE class
     * 08, or 57P01 to 57P03: shut down under it): a transaction that was committing when it happened
     * may or may not have committed.
     */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                if (serverLost(sql.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception), or 57P01 to 57P03 (the server shut down or cannot take connections). */
    static boolean serverLost(String sqlState) {
        return sqlState.startsWith("08")
                || sqlState.equals("57P01")
                || sqlState.equals("57P02")
                || sqlState.equals("57P03");
    }

    static boolean primaryOnly() {
        return Boolean.TRUE.equals(PRIMARY_ONLY.get());
    }
}
