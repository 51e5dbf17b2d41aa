package io.boxoffice.platform.cache;

import io.boxoffice.platform.database.Lsn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * How an entry is stored as one Redis string value. The layout is a 33-byte ASCII header and then
 * the body's bytes as they are:
 *
 * <pre>
 * bytes  0–15  the database position the value reflects, {@link Lsn#token()}: 16 lower-case hex digits
 * bytes 16–31  when it was loaded, epoch milliseconds as 16 lower-case hex digits
 * byte  32     '1' when a body follows, '0' for a key with nothing to show
 * bytes 33–    the JSON body (only after '1')
 * </pre>
 *
 * The position comes first and is fixed-width so that {@link RedisTier}'s put script can compare it
 * with {@code GETRANGE 0 15} as a string: for equal-width lower-case hex, string order is number order.
 * A value this codec cannot read is treated as a miss, never as an error.
 */
final class CacheCodec {

    static final int POSITION_LENGTH = 16;
    static final int LOADED_AT_LENGTH = 16;
    static final int HEADER_LENGTH = POSITION_LENGTH + LOADED_AT_LENGTH + 1;

    private static final char PRESENT = '1';
    private static final char ABSENT = '0';

    private CacheCodec() {}

    static byte[] encode(Cached entry) {
        byte[] body = entry.rawBody();
        String header =
                entry.position().token() + String.format("%016x", entry.loadedAt()) + (body == null ? ABSENT : PRESENT);
        byte[] payload = Arrays.copyOf(
                header.getBytes(StandardCharsets.US_ASCII), HEADER_LENGTH + (body == null ? 0 : body.length));
        if (body != null) {
            System.arraycopy(body, 0, payload, HEADER_LENGTH, body.length);
        }
        return payload;
    }

    /** The entry {@code payload} holds for {@code key}; null when there is none or it is not in this layout. */
    static @Nullable Cached decode(String key, byte @Nullable [] payload) {
        if (payload == null || payload.length < HEADER_LENGTH) {
            return null;
        }
        String header = new String(payload, 0, HEADER_LENGTH, StandardCharsets.US_ASCII);
        Lsn position = Lsn.fromToken(header.substring(0, POSITION_LENGTH));
        if (position == null) {
            return null;
        }
        long loadedAt;
        try {
            loadedAt = Long.parseUnsignedLong(header.substring(POSITION_LENGTH, HEADER_LENGTH - 1), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        char flag = header.charAt(HEADER_LENGTH - 1);
        if (flag != PRESENT && flag != ABSENT) {
            return null;
        }
        byte[] body = flag == PRESENT ? Arrays.copyOfRange(payload, HEADER_LENGTH, payload.length) : null;
        return new Cached(key, body, position, loadedAt, false);
    }
}
