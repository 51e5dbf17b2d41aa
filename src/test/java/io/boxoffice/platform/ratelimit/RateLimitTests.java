package io.boxoffice.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.RedisServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Rate limits on a real node over real PostgreSQL (and Redis for the shared-store variant): exact
 * counts per tier and class with the application's clock moved instead of waiting, the IETF
 * headers, 429 problems with Retry-After, sign-in limits per account and per address, the
 * per-client concurrency limit, the deny list, and two nodes sharing one limit. Each test speaks
 * for clients of its own: the node trusts loopback as a proxy, so {@code X-Forwarded-For} names them.
 */
@TestPropertySource(
        properties = {
            "boxoffice.rate-limit.enabled=true",
            "boxoffice.rate-limit.trusted-proxies=127.0.0.1/32,::1/128",
            "boxoffice.rate-limit.tiers.anonymous.read=5/1h",
            "boxoffice.rate-limit.tiers.anonymous.write=5/1h",
            "boxoffice.rate-limit.tiers.anonymous.auth=3/1h",
            "boxoffice.rate-limit.tiers.attendee.read=8/1h",
            "boxoffice.rate-limit.tiers.attendee.write=4/1h",
            "boxoffice.rate-limit.tiers.attendee.concurrency=2",
            "boxoffice.rate-limit.login-per-account=3/1h",
            "boxoffice.rate-limit.deny=192.0.2.0/24"
        })
class RateLimitTests extends ApiTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final Pattern RATE_LIMIT = Pattern.compile("\"([a-z-]+)\";r=(\\d+);t=(\\d+)");

    @Autowired
    private SharedBuckets buckets;

    /** An address no other test uses, in TEST-NET-3. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "203.0.113." + n;
    }

    private Api.Response get(String path, String address, String token) {
        return api.get(path, token, "X-Forwarded-For", address);
    }

    private String signedUpAttendee(String address) {
        String email = "limited-" + ADDRESSES.incrementAndGet() + "-" + System.nanoTime() + "@test.boxoffice.test";
        Api.Response created = api.post(
                "/api/v1/accounts",
                null,
                Map.of("email", email, "password", "password-" + email, "displayName", "Limited", "role", "ATTENDEE"),
                "X-Forwarded-For",
                address);
        assertThat(created.status()).isEqualTo(201);
        Api.Response token = api.post(
                "/api/v1/auth/token",
                null,
                Map.of("email", email, "password", "password-" + email),
                "X-Forwarded-For",
                address);
        assertThat(token.status()).isEqualTo(200);
        return token.json().get("accessToken").asString();
    }

    private static long remaining(Api.Response response) {
        Matcher matcher = RATE_LIMIT.matcher(response.header("RateLimit"));
        assertThat(matcher.matches()).as(response.header("RateLimit")).isTrue();
        return Long.parseLong(matcher.group(2));
    }

    private double rejected(String tier, String reason) {
        String scrape = management().get("/actuator/prometheus").text();
        Matcher matcher = Pattern.compile("boxoffice_ratelimit_rejected_total\\{[^}]*reason=\"" + reason + "\",tier=\""
                        + tier + "\"[^}]*} ([0-9.eE+]+)")
                .matcher(scrape);
        assertThat(matcher.find())
                .as("rejected{tier=%s,reason=%s} in the scrape", tier, reason)
                .isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    @Test
    void pagesAreLimitedLikeTheApiAndRefusedWithAPageThatSaysWhenToComeBack() {
        // anonymous page views share the address's read bucket; assets are not counted
        String address = newAddress();
        for (int i = 1; i <= 5; i++) {
            assertThat(get("/search?q=page" + i, address, null).status()).isEqualTo(200);
            assertThat(get("/assets/img/favicon.svg", address, null).status()).isEqualTo(200);
        }
        Api.Response refused = get("/", address, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.text())
                .contains("You have made too many requests; slow down.")
                .contains("<meta http-equiv=\"refresh\" content=\"" + refused.header("Retry-After") + "\">");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(700L, 720L);

        // the sign-in form is a password check: 3 an hour per address, counted before anything else
        String guesser = newAddress();
        for (int i = 1; i <= 3; i++) {
            Api.Response attempt = api.post(
                    "/signin",
                    null,
                    Map.of("email", "x@example.com", "password", "guess" + i),
                    "X-Forwarded-For",
                    guesser);
            assertThat(attempt.status())
                    .as("no CSRF token: refused, but counted")
                    .isEqualTo(403);
        }
        Api.Response stuffed = api.post(
                "/signin", null, Map.of("email", "x@example.com", "password", "guess4"), "X-Forwarded-For", guesser);
        assertThat(stuffed.status()).isEqualTo(429);
        assertThat(stuffed.text()).doesNotContain("http-equiv=\"refresh\""); // a form post is not re-sent

        // a signed-in person's pages count against the account, wherever they come from
        String token = signedUpAttendee(newAddress());
        for (int i = 1; i <= 8; i++) {
            Api.Response page = api.get(
                    "/me/orders", null, "Cookie", "boxoffice_session=" + token, "X-Forwarded-For", newAddress());
            assertThat(page.status()).as("page %d", i).isEqualTo(200);
            assertThat(page.header("RateLimit-Policy")).isEqualTo("\"attendee-read\";q=8;w=3600");
        }
        Api.Response overLimit =
                api.get("/me/orders", null, "Cookie", "boxoffice_session=" + token, "X-Forwarded-For", newAddress());
        assertThat(overLimit.status()).isEqualTo(429);
        assertThat(overLimit.contentType()).startsWith("text/html");
    }

    @Test
    void anonymousReadsAreLimitedExactlyWithHeadersAndARetryAfterThatHolds() {
        String address = newAddress();
        double rejectedBefore = rejected("anonymous", "rate");
        for (int i = 1; i <= 5; i++) {
            Api.Response allowed = get("/api/v1/events", address, null);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("RateLimit-Policy")).isEqualTo("\"anonymous-read\";q=5;w=3600");
            assertThat(remaining(allowed)).isEqualTo(5 - i);
        }
        Api.Response refused = get("/api/v1/events", address, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/rate-limited");
        // one token every 720 s: a little less has passed since the fifth request
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(700L, 720L);
        assertThat(refused.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"anonymous-read\";q=5;w=3600");
        assertThat(remaining(refused)).isZero();
        assertThat(rejected("anonymous", "rate")).isEqualTo(rejectedBefore + 1);

        // another address has a bucket of its own; writes have theirs
        assertThat(get("/api/v1/events", newAddress(), null).status()).isEqualTo(200);

        // Retry-After is honest: a second early is still refused, at the time one request passes
        // (with no refill in flight: a store call that sees the clock jump counts as timed out)
        await().atMost(10, TimeUnit.SECONDS).until(buckets::idle);
        clock.advance(Duration.ofSeconds(retryAfter - 30));
        assertThat(get("/api/v1/events", address, null).status()).isEqualTo(429);
        await().atMost(10, TimeUnit.SECONDS).until(buckets::idle);
        clock.advance(Duration.ofSeconds(31));
        assertThat(get("/api/v1/events", address, null).status()).isEqualTo(200);
        assertThat(get("/api/v1/events", address, null).status()).isEqualTo(429);
    }

    @Test
    void aSignedInCallerIsLimitedByAccountAndTierNotByAddress() {
        String address = newAddress();
        String token = signedUpAttendee(address);
        for (int i = 1; i <= 8; i++) {
            Api.Response allowed = get("/api/v1/events", newAddress(), token);
            assertThat(allowed.status()).as("read %d", i).isEqualTo(200);
            assertThat(allowed.header("RateLimit-Policy")).isEqualTo("\"attendee-read\";q=8;w=3600");
        }
        // the ninth, from yet another address, is the same account's
        assertThat(get("/api/v1/events", newAddress(), token).status()).isEqualTo(429);
        // the address itself still has its anonymous reads
        assertThat(get("/api/v1/events", address, null).status()).isEqualTo(200);

        // writes: four, whatever they are (here orders for an unknown event: 404 still counts)
        for (int i = 1; i <= 4; i++) {
            Api.Response write = api.post(
                    "/api/v1/orders",
                    token,
                    Map.of("eventId", "01a20d3c-0000-7000-8000-000000000000", "items", List.of()),
                    "X-Forwarded-For",
                    address);
            assertThat(write.status()).as("write %d", i).isNotEqualTo(429);
            assertThat(write.header("RateLimit-Policy")).isEqualTo("\"attendee-write\";q=4;w=3600");
        }
        Api.Response refused = api.post("/api/v1/orders", token, Map.of(), "X-Forwarded-For", address);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(880L, 900L);
    }

    @Test
    void anAdministratorMakesAPartnerWhoseTokensGetThePartnerTier() {
        String address = newAddress();
        String attendee = signedUpAttendee(address);
        String id = api.get("/api/v1/me", attendee, "X-Forwarded-For", address)
                .json()
                .get("id")
                .asString();
        Map<String, Object> partner = Map.of("roles", List.of("ATTENDEE", "PARTNER"));
        // only an administrator may give roles
        assertThat(api.send(api.builder("/api/v1/admin/accounts/" + id + "/roles", attendee, "X-Forwarded-For", address)
                                .header("Content-Type", "application/json")
                                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                                        Api.JSON.writeValueAsString(partner))))
                        .status())
                .isEqualTo(403);
        String admin = api.post(
                        "/api/v1/auth/token",
                        null,
                        Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD),
                        "X-Forwarded-For",
                        newAddress())
                .json()
                .get("accessToken")
                .asString();
        Api.Response granted = api.send(api.builder("/api/v1/admin/accounts/" + id + "/roles", admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(partner))));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().get("roles").toString()).contains("PARTNER");
        assertThat(granted.header("RateLimit-Policy")).isEqualTo("\"admin-write\";q=1200;w=60");

        // a token issued now carries the role, and the partner's limits with it
        String email = granted.json().get("email").asString();
        String partnerToken = api.post(
                        "/api/v1/auth/token",
                        null,
                        Map.of("email", email, "password", "password-" + email),
                        "X-Forwarded-For",
                        newAddress())
                .json()
                .get("accessToken")
                .asString();
        assertThat(get("/api/v1/events", address, partnerToken).header("RateLimit-Policy"))
                .isEqualTo("\"partner-read\";q=12000;w=60");
    }

    @Test
    void signInsAreLimitedPerAccountFromAnyAddressAndPerAddressForAnyAccount() {
        String token = signedUpAttendee(newAddress()); // the account's first attempt
        String email = api.get("/api/v1/me", token).json().get("email").asString();
        double before = rejected("anonymous", "login");
        for (int i = 0; i < 2; i++) {
            Api.Response wrong = api.post(
                    "/api/v1/auth/token",
                    null,
                    Map.of("email", email, "password", "not-the-password"),
                    "X-Forwarded-For",
                    newAddress());
            assertThat(wrong.status()).isEqualTo(401);
        }
        Api.Response locked = api.post(
                "/api/v1/auth/token",
                null,
                Map.of("email", email.toUpperCase(java.util.Locale.ROOT), "password", "password-" + email),
                "X-Forwarded-For",
                newAddress());
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1100L, 1200L);
        assertThat(rejected("anonymous", "login")).isEqualTo(before + 1);

        // one address trying many accounts: three sign-ins an hour
        String address = newAddress();
        for (int i = 0; i < 3; i++) {
            Api.Response attempt = api.post(
                    "/api/v1/auth/token",
                    null,
                    Map.of("email", "nobody-" + i + "@test.boxoffice.test", "password", "guess"),
                    "X-Forwarded-For",
                    address);
            assertThat(attempt.status()).isEqualTo(401);
            assertThat(attempt.header("RateLimit-Policy")).isEqualTo("\"anonymous-auth\";q=3;w=3600");
        }
        Api.Response refused = api.post(
                "/api/v1/auth/token",
                null,
                Map.of("email", "nobody-4@test.boxoffice.test", "password", "guess"),
                "X-Forwarded-For",
                address);
        assertThat(refused.status()).isEqualTo(429);
    }

    @Test
    void aClientWithTwoRequestsInFlightGetsA429ForTheThird() throws Exception {
        String address = newAddress();
        String token = signedUpAttendee(address);
        double before = rejected("attendee", "concurrency");
        List<Socket> slow = new ArrayList<>();
        try {
            // two orders whose bodies have not arrived yet: both are in flight, reading
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("localhost", URI.create(api.base()).getPort());
                socket.setSoTimeout(30_000);
                socket.getOutputStream()
                        .write(("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                                        + "\r\nX-Forwarded-For: " + address
                                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            awaitInFlight(2);
            // the node has them; a moment later they are past the limiter, reading their bodies
            AtomicReference<Api.Response> answer = new AtomicReference<>();
            await().atMost(10, TimeUnit.SECONDS)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        answer.set(get("/api/v1/events", address, token));
                        return answer.get().status() == 429;
                    });
            Api.Response third = answer.get();
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().get("detail").asString()).contains("2 requests in flight");
            assertThat(third.header("Retry-After")).isEqualTo("1");
            assertThat(rejected("attendee", "concurrency")).isEqualTo(before + 1);

            for (Socket socket : slow) {
                socket.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                assertThat(status).startsWith("HTTP/1.1 4").doesNotContain("429");
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertThat(get("/api/v1/events", address, token).status()).isEqualTo(200);
    }

    private void awaitInFlight(int posts) {
        Pattern active =
                Pattern.compile("http_server_requests_active_seconds_gcount\\{[^}]*method=\"POST\"[^}]*} ([0-9.]+)");
        await("the slow requests reach the node")
                .atMost(30, TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Matcher matcher = active.matcher(
                            management().get("/actuator/prometheus").text());
                    double total = 0;
                    while (matcher.find()) {
                        total += Double.parseDouble(matcher.group(1));
                    }
                    return total >= posts;
                });
    }

    @Test
    void aDeniedAddressGets403ButProbesStillAnswer() {
        Api.Response denied = get("/api/v1/events", "192.0.2.77", null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("type").asString()).endsWith("/address-denied");
        assertThat(get("/readyz", "192.0.2.77", null).status()).isEqualTo(200);
        // a spoofed X-Forwarded-For left of the proxy's own entry changes nothing
        assertThat(api.get("/api/v1/events", null, "X-Forwarded-For", "192.0.2.77, " + newAddress())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void twoNodesOnOnePostgresTogetherAllowTheLimit() throws Exception {
        assertTwoNodesShareOneLimit();
    }

    @Test
    void twoNodesOnOneRedisTogetherAllowTheLimit() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            assertTwoNodesShareOneLimit("--spring.data.redis.url=" + redis.url());
        }
    }

    @Test
    void whenTheStoreFailsANodeLimitsOnItsOwnAndKeepsServing() throws Exception {
        RedisServer redis = RedisServer.start();
        try (ConfigurableApplicationContext node = startNode(
                "--boxoffice.rate-limit.enabled=true",
                "--boxoffice.rate-limit.trusted-proxies=127.0.0.1/32,::1/128",
                "--boxoffice.rate-limit.store=redis",
                "--boxoffice.rate-limit.redis-url=" + redis.url(),
                "--boxoffice.rate-limit.tiers.anonymous.read=3/1h")) {
            Api limited = apiOf(node);
            redis.close(); // the store is gone before the client's first request
            String address = newAddress();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                statuses.add(limited.get("/api/v1/events?limit=1", null, "X-Forwarded-For", address)
                        .status());
            }
            // served, then limited by the node's own bucket of the same limit (plus, at most, the
            // one request it let through ahead of the store before it knew the store was gone)
            assertThat(statuses.subList(0, 3)).containsOnly(200);
            assertThat(statuses).containsOnly(200, 429).contains(429);
            assertThat(statuses.stream().filter(status -> status == 200).count())
                    .isLessThanOrEqualTo(4);
            Matcher errors = Pattern.compile("boxoffice_ratelimit_store_errors_total(\\{[^}]*})? ([0-9.eE+]+)")
                    .matcher(managementOf(node).get("/actuator/prometheus").text());
            assertThat(errors.find()).isTrue();
            assertThat(Double.parseDouble(errors.group(2))).isPositive();
        } finally {
            redis.close();
        }
    }

    /**
     * 1,500 reads of one client, spread over two nodes by 8 threads, against a limit of 1,000 an
     * hour: the two nodes together allow 1,000 within 5% (each node may run one chunk, 2% of the
     * limit, ahead of the store, or hold one it did not spend).
     */
    private void assertTwoNodesShareOneLimit(String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--boxoffice.rate-limit.enabled=true",
                "--boxoffice.rate-limit.trusted-proxies=127.0.0.1/32,::1/128",
                "--boxoffice.rate-limit.tiers.anonymous.read=1000/1h",
                "--boxoffice.rate-limit.tiers.anonymous.concurrency=64"));
        arguments.addAll(List.of(extra));
        String address = newAddress();
        try (ConfigurableApplicationContext one = startNode(arguments.toArray(String[]::new));
                ConfigurableApplicationContext two = startNode(arguments.toArray(String[]::new))) {
            List<Api> nodes = List.of(apiOf(one), apiOf(two));
            AtomicInteger allowed = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<?>> work = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 1_500 / 8 + 1; i++) {
                            int status = nodes.get((thread + i) % 2)
                                    .get("/api/v1/events?limit=1", null, "X-Forwarded-For", address)
                                    .status();
                            (status == 200 ? allowed : status == 429 ? refused : other).incrementAndGet();
                        }
                    }));
                }
                for (Future<?> done : work) {
                    done.get(5, TimeUnit.MINUTES);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double refilled = 1000 * seconds / 3600;
            assertThat(other.get()).isZero();
            assertThat(allowed.get()).isBetween(950, (int) Math.floor(1050 + refilled));
            assertThat(allowed.get() + refused.get()).isEqualTo(8 * (1_500 / 8 + 1));
        }
    }
}
