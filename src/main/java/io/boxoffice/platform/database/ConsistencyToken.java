package io.boxoffice.platform.database;

import org.jspecify.annotations.Nullable;

/**
 * What a Consistency-Token carries: a WAL position and the timeline of the primary that wrote it
 * (PostgreSQL starts a new timeline at each promotion). 24 lower-case hex digits, the timeline's 8
 * then the position's 16; a token of 16 digits, from before timelines were carried, has timeline 0
 * and is taken as of the current one.
 */
record ConsistencyToken(int timeline, Lsn position) {

    static @Nullable ConsistencyToken parse(String text) {
        if (text.length() == 16) {
            Lsn position = Lsn.fromToken(text);
            return position == null ? null : new ConsistencyToken(0, position);
        }
        if (text.length() != 24) {
            return null;
        }
        Lsn position = Lsn.fromToken(text.substring(8));
        try {
            long timeline = Long.parseLong(text.substring(0, 8), 16);
            return position == null || timeline > Integer.MAX_VALUE
                    ? null
                    : new ConsistencyToken((int) timeline, position);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String text() {
        return String.format("%08x", timeline) + position.token();
    }
}
