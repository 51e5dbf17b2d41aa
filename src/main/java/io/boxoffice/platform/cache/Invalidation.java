package io.boxoffice.platform.cache;

import io.boxoffice.platform.database.Lsn;
import org.jspecify.annotations.Nullable;

/**
 * One invalidation as it travels between nodes: which node sent it, which cache and key, what it
 * does, and the database position of the write that caused it (loads after it must reflect at
 * least that position). The text form is {@code origin|cache|kind|position|key}.
 */
record Invalidation(String origin, String cache, Kind kind, Lsn position, String key) {

    static final String ALL_KEYS = "*";

    enum Kind {
        /** The key's value is wrong now: drop it everywhere. */
        EVICT,
        /** The key's value is outdated but harmless for a moment: serve it while one reload runs. */
        STALE,
        /** Every key of the cache: move to a new generation. */
        GENERATION
    }

    String encode() {
        return origin + "|" + cache + "|" + kind.name() + "|" + position.token() + "|" + key;
    }

    static @Nullable Invalidation decode(String text) {
        String[] parts = text.split("\\|", 5);
        if (parts.length != 5) {
            return null;
        }
        Lsn position = Lsn.fromToken(parts[3]);
        if (position == null) {
            return null;
        }
        try {
            return new Invalidation(parts[0], parts[1], Kind.valueOf(parts[2]), position, parts[4]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
