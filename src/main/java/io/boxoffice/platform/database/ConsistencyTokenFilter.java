package io.boxoffice.platform.database;

import io.boxoffice.platform.web.ProblemWriter;
import io.boxoffice.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read-your-writes across replicas. A request's {@code Consistency-Token} (header, else cookie)
 * is the WAL position its reads must see; a request that wrote gets, before its response is
 * committed, a token with the primary's position after its writes, as a header and as a cookie
 * (so browsers and anonymous clients carry it without doing anything).
 */
final class ConsistencyTokenFilter extends OncePerRequestFilter {

    static final String NAME = "Consistency-Token";
    private static final Logger log = LoggerFactory.getLogger(ConsistencyTokenFilter.class);

    private final WritePositions positions;
    private final Timelines timelines;
    private final ProblemWriter problems;
    private final Duration cookieLifetime;

    ConsistencyTokenFilter(
            WritePositions positions, Timelines timelines, ProblemWriter problems, Duration cookieLifetime) {
        this.positions = positions;
        this.timelines = timelines;
        this.problems = problems;
        this.cookieLifetime = cookieLifetime;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsistencyToken token;
        String header = request.getHeader(NAME);
        if (header != null) {
            token = ConsistencyToken.parse(header.strip());
            if (token == null) {
                problems.write(
                        response,
                        Problems.of(
                                HttpStatus.BAD_REQUEST,
                                "invalid-consistency-token",
                                "The Consistency-Token header is not a token this API issued; send back the"
                                        + " value of a Consistency-Token response header unchanged."));
                return;
            }
        } else {
            token = fromCookie(request);
        }
        RequestState state = RequestState.begin(token == null ? null : timelines.required(token));
        TokenOnCommit wrapped = new TokenOnCommit(request, response, state);
        try {
            chain.doFilter(request, wrapped);
            wrapped.addToken();
        } finally {
            RequestState.end();
        }
    }

    private static @Nullable ConsistencyToken fromCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (NAME.equals(cookie.getName())) {
                    return ConsistencyToken.parse(cookie.getValue()); // a stale or mangled cookie is ignored
                }
            }
        }
        return null;
    }

    /** Adds the token to the response the moment its body starts, so no handler has to remember it. */
    private final class TokenOnCommit extends HttpServletResponseWrapper {

        private final HttpServletRequest request;
        private final RequestState state;
        private boolean added;

        TokenOnCommit(HttpServletRequest request, HttpServletResponse response, RequestState state) {
            super(response);
            this.request = request;
            this.state = state;
        }

        void addToken() {
            if (added || !state.hasWritten() || isCommitted()) {
                return;
            }
            added = true;
            Lsn written = state.writtenAt();
            if (written == null) {
                try {
                    written = positions.current();
                } catch (RuntimeException e) {
                    // the write committed: its answer must not fail; the client reads without a token
                    log.warn("No Consistency-Token for a write: the primary's position could not be read", e);
                    return;
                }
            }
            String token = timelines.token(Lsn.max(state.required(), written)).text();
            setHeader(NAME, token);
            ResponseCookie cookie = ResponseCookie.from(NAME, token)
                    .path("/")
                    .maxAge(cookieLifetime)
                    .httpOnly(true)
                    .secure(request.isSecure())
                    .sameSite("Lax")
                    .build();
            addHeader("Set-Cookie", cookie.toString());
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            addToken();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            addToken();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            addToken();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            addToken();
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            addToken();
            super.sendError(status);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            addToken();
            super.sendRedirect(location);
        }
    }
}
