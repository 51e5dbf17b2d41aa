package io.boxoffice.platform.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Identifiers are RFC 9562 version 7: time-ordered across milliseconds and unique within one. */
@Tag("fast")
class IdsTests {

    @Test
    void areVersion7AndOrderedByTime() {
        Clock earlier = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Clock later = Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC);
        UUID first = Ids.newId(earlier);
        UUID second = Ids.newId(later);
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(earlier.millis());
        assertThat(first.toString()).isLessThan(second.toString());
    }

    @Test
    void areUniqueWithinOneMillisecond() {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.newId(fixed));
        }
        assertThat(ids).hasSize(100_000);
    }
}
