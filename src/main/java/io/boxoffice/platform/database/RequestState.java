package io.boxoffice.platform.database;

import org.jspecify.annotations.Nullable;

/**
 * What routing needs to know about the request on this thread: the position its Consistency-Token
 * requires, and whether (and where) it has written. One per request, bound by {@link ConsistencyTokenFilter}.
 */
final class RequestState {

    private static final ThreadLocal<RequestState> CURRENT = new ThreadLocal<>();

    private final @Nullable Lsn required;
    private volatile boolean wrote;
    private volatile @Nullable Lsn writtenAt;

    private RequestState(@Nullable Lsn required) {
        this.required = required;
    }

    static RequestState begin(@Nullable Lsn required) {
        RequestState state = new RequestState(required);
        CURRENT.set(state);
        return state;
    }

    static void end() {
        CURRENT.remove();
    }

    /**
     * Binds a state for work that must see at least {@code position} as well as everything the
     * current request must see (its token; the primary once it has written); returns the state to
     * {@link #restore} afterwards.
     */
    static @Nullable RequestState requiring(@Nullable Lsn position) {
        RequestState previous = CURRENT.get();
        RequestState derived = new RequestState(Lsn.max(previous == null ? null : previous.required, position));
        derived.wrote = previous != null && previous.wrote;
        CURRENT.set(derived);
        return previous;
    }

    static void restore(@Nullable RequestState previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    static @Nullable RequestState current() {
        return CURRENT.get();
    }

    @Nullable
    Lsn required() {
        return required;
    }

    /** A read-write transaction of this request committed; its position is asked of the primary later. */
    void wrote() {
        wrote = true;
    }

    /** This request's writes are all at or before {@code position}. */
    synchronized void wroteAt(Lsn position) {
        wrote = true;
        writtenAt = Lsn.max(writtenAt, position);
    }

    boolean hasWritten() {
        return wrote;
    }

    @Nullable
    Lsn writtenAt() {
        return writtenAt;
    }
}
