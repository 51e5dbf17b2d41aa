package io.boxoffice.platform.web;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Compresses text responses at or above a minimum size with Brotli or gzip, whichever the client
 * prefers ({@code br} when it accepts both), and marks them {@code Vary: Accept-Encoding}.
 */
class CompressionFilter extends OncePerRequestFilter {

    private static final boolean BROTLI = Brotli4jLoader.isAvailable();
    private static final Encoder.Parameters BROTLI_PARAMETERS = new Encoder.Parameters().setQuality(5);

    private final long minSize;

    CompressionFilter(long minSize) {
        this.minSize = minSize;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // set before the body is written: every response may differ by encoding, compressed or not
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        Optional<String> encoding = chooseEncoding(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        if (encoding.isEmpty() || "HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        byte[] body = buffered.getContentAsByteArray();
        if (body.length < minSize
                || !isCompressible(response.getContentType())
                || response.getHeader(HttpHeaders.CONTENT_ENCODING) != null) {
            buffered.copyBodyToResponse();
            return;
        }
        byte[] compressed = compress(body, encoding.get());
        response.setHeader(HttpHeaders.CONTENT_ENCODING, encoding.get());
        response.setContentLength(compressed.length);
        response.getOutputStream().write(compressed);
    }

    static Optional<String> chooseEncoding(String acceptEncoding) {
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

    private static boolean isCompressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("javascript")
                || type.contains("xml")
                || type.startsWith("image/svg");
    }

    private static byte[] compress(byte[] body, String encoding) throws IOException {
        if ("br".equals(encoding)) {
            return Encoder.compress(body, BROTLI_PARAMETERS);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }
}
