package io.boxoffice.platform.web;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The content codings responses are compressed with: Brotli (quality 5) when the client accepts
 * it and the native library loaded, else gzip. Used by {@link CompressionFilter} for every
 * response, and by the caches to compress a cached body once rather than on every request.
 */
public final class Encodings {

    private static final boolean BROTLI = Brotli4jLoader.isAvailable();
    private static final Encoder.Parameters BROTLI_PARAMETERS = new Encoder.Parameters().setQuality(5);

    private Encodings() {}

    /** The coding to answer with for this {@code Accept-Encoding}, if any. */
    public static Optional<String> choose(String acceptEncoding) {
        if (acceptEncoding == null) {
            return Optional.empty();
        }
        boolean gzip = false;
        boolean br = false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] tokens = part.trim().split(";");
            if (qualityOf(tokens) <= 0) {
                continue;
            }
            switch (tokens[0].trim()) {
                case "br" -> br = true;
                case "gzip", "x-gzip" -> gzip = true;
                case "*" -> {
                    br = true;
                    gzip = true;
                }
                default -> {}
            }
        }
        if (br && BROTLI) {
            return Optional.of("br");
        }
        return gzip ? Optional.of("gzip") : Optional.empty();
    }

    private static double qualityOf(String[] tokens) {
        for (int i = 1; i < tokens.length; i++) {
            String parameter = tokens[i].trim();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** {@code body} compressed with {@code encoding} ({@code br} or {@code gzip}). */
    public static byte[] compress(byte[] body, String encoding) {
        try {
            if ("br".equals(encoding)) {
                return Encoder.compress(body, BROTLI_PARAMETERS);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(body);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
