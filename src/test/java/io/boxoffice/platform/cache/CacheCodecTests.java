package io.boxoffice.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.boxoffice.platform.database.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.LongRange;

/** The Redis value layout: what goes in comes out, and the put script's string comparison orders positions. */
@Tag("fast")
class CacheCodecTests {

    @Property
    void anEntryComesBackAsItWent(
            @ForAll long position,
            @ForAll @LongRange(min = 0) long loadedAt,
            @ForAll byte[] body,
            @ForAll boolean absent) {
        Cached entry = new Cached("k", absent ? null : body, new Lsn(position), loadedAt, false);
        Cached back = CacheCodec.decode("k", CacheCodec.encode(entry));
        assertThat(back).isNotNull();
        assertThat(back.position()).isEqualTo(entry.position());
        assertThat(back.loadedAt()).isEqualTo(loadedAt);
        assertThat(back.present()).isEqualTo(!absent);
        if (!absent) {
            assertThat(back.body()).isEqualTo(body);
            assertThat(back.etag()).isEqualTo(entry.etag());
        }
    }

    @Property
    void theHeadersPositionBytesSortAsThePositionsDo(@ForAll long a, @ForAll long b) {
        String first = positionBytes(a);
        String second = positionBytes(b);
        assertThat(Integer.signum(first.compareTo(second))).isEqualTo(Integer.signum(new Lsn(a).compareTo(new Lsn(b))));
    }

    @Property
    void bytesNotInTheLayoutAreAMissNotAnError(@ForAll byte[] payload) {
        assertThatCode(() -> CacheCodec.decode("k", payload)).doesNotThrowAnyException();
    }

    @Property
    void aDamagedHeaderIsAMiss(@ForAll long position) {
        byte[] payload = CacheCodec.encode(new Cached("k", new byte[] {'{', '}'}, new Lsn(position), 7, false));
        payload[CacheCodec.HEADER_LENGTH - 1] = '2';
        assertThat(CacheCodec.decode("k", payload)).isNull();
        payload[CacheCodec.HEADER_LENGTH - 1] = '1';
        assertThat(CacheCodec.decode("k", payload)).isNotNull();
        payload[3] = 'x';
        assertThat(CacheCodec.decode("k", payload))
                .as("a position that is not hex")
                .isNull();
        assertThat(CacheCodec.decode("k", Arrays.copyOf(payload, CacheCodec.HEADER_LENGTH - 1)))
                .isNull();
        assertThat(CacheCodec.decode("k", null)).isNull();
    }

    private static String positionBytes(long position) {
        byte[] payload = CacheCodec.encode(new Cached("k", null, new Lsn(position), 0, false));
        return new String(payload, 0, CacheCodec.POSITION_LENGTH, StandardCharsets.US_ASCII);
    }
}
