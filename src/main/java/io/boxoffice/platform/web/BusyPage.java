package io.boxoffice.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.HtmlUtils;

/**
 * A refusal to a person in a browser (too many requests, or a node shedding load): a small page
 * of its own, with no database, template or stylesheet behind it (a busy node is not asked for
 * more), saying when to try again. A page that was
 * fetched (not a form sent) loads itself again once that time has passed.
 */
public final class BusyPage {

    private BusyPage() {}

    public static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            long retryAfterSeconds,
            String message)
            throws IOException {
        response.setStatus(status);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType("text/html;charset=UTF-8");
        String refresh = "GET".equals(request.getMethod())
                ? "<meta http-equiv=\"refresh\" content=\"" + retryAfterSeconds + "\">"
                : "";
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">%s
                <title>Busy · Boxoffice</title></head>
                <body><main id="main" class="narrow"><h1>One moment, please</h1>
                <p role="alert">%s</p><p>Try again in %d seconds%s.</p></main></body></html>
                """.formatted(
                        refresh,
                        HtmlUtils.htmlEscape(message),
                        retryAfterSeconds,
                        refresh.isEmpty() ? "" : "; this page will reload itself"));
    }
}
