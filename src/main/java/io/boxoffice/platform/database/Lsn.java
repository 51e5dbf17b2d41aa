package io.boxoffice.platform.database;

import org.jspecify.annotations.Nullable;

/**
 * A position in the primary's write-ahead log (PostgreSQL's {@code pg_lsn}), compared as an
 * unsigned 64-bit number. Positions, never clocks, decide whether a replica has seen a write.
 */
public record Lsn(long value) implements Comparable<Lsn> {

    /** Reads PostgreSQL's text form, {@code 16/B374D848}. */
    static Lsn parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        long high = Long.parseUnsignedLong(text.substring(0, slash), 16);
        long low = Long.parseUnsignedLong(text.substring(slash + 1), 16);
        if (high > 0xFFFFFFFFL || low > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("not a WAL position: " + text);
        }
        return new Lsn(high << 32 | low);
    }

    /** Reads the form {@link #token()} writes; {@code null} if {@code text} is not one. */
    public static @Nullable Lsn fromToken(String text) {
        if (text.isEmpty() || text.length() > 16) {
            return null;
        }
        try {
            return new Lsn(Long.parseUnsignedLong(text, 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The position as a Consistency-Token value: 16 lower-case hex digits, safe in a header or cookie. */
    public String token() {
        return String.format("%016x", value);
    }

    public boolean atLeast(@Nullable Lsn other) {
        return other == null || compareTo(other) >= 0;
    }

    public static @Nullable Lsn max(@Nullable Lsn a, @Nullable Lsn b) {
        if (a == null) {
            return b;
        }
        return b == null || a.atLeast(b) ? a : b;
    }

    /** How many bytes of WAL lie between {@code earlier} and this position (0 if none). */
    long bytesAfter(Lsn earlier) {
        return atLeast(earlier) ? value - earlier.value : 0;
    }

    @Override
    public int compareTo(Lsn other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase() + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase();
    }
}
