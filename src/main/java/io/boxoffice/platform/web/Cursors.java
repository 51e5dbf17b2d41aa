package io.boxoffice.platform.web;

import io.boxoffice.platform.domain.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Opaque keyset cursors: the sort key of the last item of a page, base64url-encoded. */
public final class Cursors {

    /** The page size when a request names none. */
    public static final int DEFAULT_LIMIT = 20;

    /** The largest page a request may ask for. */
    public static final int MAX_LIMIT = 100;

    private static final String VERSION = "1";

    private Cursors() {}

    /** Encodes the parts of a sort key as a cursor. */
    public static String encode(String... parts) {
        String joined = VERSION + "|" + String.join("|", parts);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor of {@code parts} parts; fails with 400 if it is not one this API issued. */
    public static @Nullable List<String> decode(@Nullable String cursor, int parts) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> split = List.of(decoded.split("\\|", -1));
            if (split.size() != parts + 1 || !VERSION.equals(split.getFirst())) {
                throw invalid();
            }
            return split.subList(1, split.size());
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    /** The page size asked for, or the default; fails with 400 outside 1..100. */
    public static int limit(@Nullable Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** The failure for a cursor this API did not issue. */
    public static InvalidInput invalid() {
        return new InvalidInput("cursor", "is not a cursor this API issued");
    }
}
