package io.boxoffice.platform.cache;

import io.boxoffice.platform.database.Lsn;
import io.boxoffice.platform.web.Encodings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A cached value as its response body: the JSON bytes rendered once when it was loaded, their
 * ETag, the database position the value reflects, and when it was loaded. A key with nothing to
 * show (an unknown or unpublished event) is cached too, without a body, so that hammering it
 * costs the database nothing either. Identity matters: a background reload replaces an entry only
 * if it is still the very entry the reload started from.
 */
public final class Cached {

    private final String key;
    private final byte @Nullable [] body;
    private final String etag;
    private final Lsn position;
    private final long loadedAt;
    private final boolean stale;
    private volatile byte @Nullable [] gzip;
    private volatile byte @Nullable [] brotli;

    Cached(String key, byte @Nullable [] body, Lsn position, long loadedAt, boolean stale) {
        this.key = key;
        this.body = body;
        this.etag = body == null ? "" : etag(body);
        this.position = position;
        this.loadedAt = loadedAt;
        this.stale = stale;
    }

    private Cached(Cached entry, boolean stale) {
        this.key = entry.key;
        this.gzip = entry.gzip;
        this.brotli = entry.brotli;
        this.body = entry.body;
        this.etag = entry.etag;
        this.position = entry.position;
        this.loadedAt = entry.loadedAt;
        this.stale = stale;
    }

    String key() {
        return key;
    }

    /** Whether there is a value; an absent one means the key has nothing public to show. */
    public boolean present() {
        return body != null;
    }

    /** The JSON body; only when {@link #present()}. */
    public byte[] body() {
        if (body == null) {
            throw new IllegalStateException("an absent entry has no body");
        }
        return body;
    }

    /** The body compressed with {@code encoding} ({@code br} or {@code gzip}), compressed once per entry. */
    byte[] body(String encoding) {
        boolean br = "br".equals(encoding);
        byte[] encoded = br ? brotli : gzip;
        if (encoded == null) {
            encoded = Encodings.compress(body(), encoding);
            if (br) {
                brotli = encoded;
            } else {
                gzip = encoded;
            }
        }
        return encoded;
    }

    /** A weak validator of the body, the same on every node for the same bytes. */
    public String etag() {
        return etag;
    }

    public Lsn position() {
        return position;
    }

    /** Epoch milliseconds of the database read this value came from. */
    long loadedAt() {
        return loadedAt;
    }

    /** Marked by an invalidation that allows serving it while a reload runs. */
    boolean stale() {
        return stale;
    }

    Cached markedStale() {
        return stale ? this : new Cached(this, true);
    }

    byte @Nullable [] rawBody() {
        return body;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Cached["
                + (body == null ? "absent" : new String(body, 0, Math.min(body.length, 40), StandardCharsets.UTF_8))
                + " at " + position + "]";
    }
}
