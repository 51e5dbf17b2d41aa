package io.boxoffice.platform.id;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** Creates time-ordered UUIDv7 identifiers, so new rows land at the right edge of their indexes. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** A new UUIDv7 stamped with the current time of {@code clock}. */
    public static UUID newId(Clock clock) {
        long millis = clock.millis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
