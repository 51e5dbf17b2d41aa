package io.boxoffice.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Compresses text responses at or above a minimum size with Brotli or gzip, whichever the client
 * prefers ({@code br} when it accepts both), and marks them {@code Vary: Accept-Encoding}.
 */
class CompressionFilter extends OncePerRequestFilter {

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
        byte[] compressed = Encodings.compress(body, encoding.get());
        response.setHeader(HttpHeaders.CONTENT_ENCODING, encoding.get());
        response.setContentLength(compressed.length);
        response.getOutputStream().write(compressed);
    }

    static Optional<String> chooseEncoding(String acceptEncoding) {
        return Encodings.choose(acceptEncoding);
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
}
