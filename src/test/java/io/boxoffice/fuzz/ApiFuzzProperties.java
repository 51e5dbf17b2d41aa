package io.boxoffice.fuzz;

import io.boxoffice.Boxoffice;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.ContractCheck;
import io.boxoffice.support.RawHttp;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes the API from its own OpenAPI document: each try is one operation of {@code /v3/api-docs},
 * called as one of eleven callers (every role, anonymous, and tokens forged, expired, unsigned,
 * for no account, from another issuer) with generated parameters, headers and body, valid and
 * invalid ({@link RequestGenerator}), against a real node on its embedded PostgreSQL. It fails on
 * any 5xx, any answer slower than 15 s, and any error that is not an RFC 9457 problem+json with a
 * Boxoffice type and its own status. jqwik draws the seeds (new each run; a failure prints the
 * seed, and {@code @Property(seed = "...")} replays it); the generator is deterministic per seed.
 *
 * <p>{@code -Dboxoffice.fuzz.collect=true} records every failure instead of stopping at the first,
 * and prints them by kind at the end: how the suite was run against the code before it.
 */
class ApiFuzzProperties {

    private static final String SECRET = "fuzzing-secret-" + UUID.randomUUID();
    private static final boolean COLLECT = Boolean.getBoolean("boxoffice.fuzz.collect");
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentSkipListMap<>();

    private static ConfigurableApplicationContext node;
    private static final HttpClient DOCUMENTS = HttpClient.newHttpClient();

    private static String base;
    private static RawHttp http;
    private static RequestGenerator generator;

    @BeforeContainer
    static void start() {
        node = new SpringApplicationBuilder(Boxoffice.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--boxoffice.embedded.data-dir=target/test-data/fuzz-" + UUID.randomUUID(),
                        "--boxoffice.embedded.durable=false",
                        "--boxoffice.demo-data=false",
                        "--boxoffice.rate-limit.enabled=false",
                        "--boxoffice.security.jwt-secret=" + SECRET,
                        "--boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
                        "--boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD);
        int port = Integer.parseInt(node.getEnvironment().getRequiredProperty("local.server.port"));
        base = "http://localhost:" + port;
        Api api = new Api(base);
        JsonNode document = api.get("/v3/api-docs").json();
        List<Operation> operations = Operation.all(document).stream()
                // erasing an account the fuzzer signs in as would leave it nothing to sign in with
                .filter(operation -> !(operation.method().equals("DELETE")
                        && operation.path().equals("/api/v1/me")))
                .toList();
        generator = new RequestGenerator(operations, document, Fixture.create(api, SECRET));
        http = new RawHttp("localhost", port, Duration.ofSeconds(15));
    }

    @AfterContainer
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (!FAILURES.isEmpty()) {
            System.out.println("fuzz failures by kind:");
            FAILURES.forEach((kind, count) -> System.out.println("  " + count + "  " + kind));
        }
    }

    @Property(tries = 1500, shrinking = ShrinkingMode.OFF)
    void everyAnswerIsASuccessOrAProblemWithinItsTimeNeverA5xx(@ForAll long seed) throws IOException {
        RequestGenerator.FuzzRequest request = generator.next(seed);
        RawHttp.Response response;
        try {
            response = http.send(request.method(), request.target(), request.headers(), request.body());
        } catch (IOException e) {
            fail("no answer (" + e.getClass().getSimpleName() + ")", request, null);
            return;
        }
        if (response.status() >= 500) {
            fail(response.status() + " on " + request.operation(), request, response);
        } else if (request.asDocumented() && !request.operation().statuses().contains(response.status())) {
            fail(response.status() + " not in the document for " + request.operation(), request, response);
        }
        if (response.status() >= 400
                && response.status() < 500
                && !request.method().equals("HEAD")) { // HEAD: no body to check
            checkProblem(request, response);
        }
        if (request.asDocumented() && request.operation().statuses().contains(response.status())) {
            String mismatch = ContractCheck.mismatch(
                    DOCUMENTS,
                    base,
                    request.method(),
                    request.target().split("\\?", 2)[0],
                    response.status(),
                    response.header("Content-Type"),
                    // a compressed body came through the raw client as text: not checked
                    response.header("Content-Encoding").isEmpty()
                            ? response.body().getBytes(StandardCharsets.UTF_8)
                            : null);
            if (mismatch != null) {
                fail("body not as documented for " + request.operation() + ": " + mismatch, request, response);
            }
        }
    }

    private static void checkProblem(RequestGenerator.FuzzRequest request, RawHttp.Response response) {
        if (!response.header("Content-Type").startsWith("application/problem+json")) {
            fail(
                    response.status() + " not problem+json (" + response.header("Content-Type") + ") on "
                            + request.operation(),
                    request,
                    response);
            return;
        }
        JsonNode problem;
        try {
            problem = Api.JSON.readTree(response.body());
        } catch (RuntimeException e) {
            fail(response.status() + " problem not JSON on " + request.operation(), request, response);
            return;
        }
        if (!problem.path("type").asString("").startsWith("https://boxoffice.io/problems/")
                || problem.path("status").asInt() != response.status()
                || problem.path("title").asString("").isEmpty()) {
            fail(
                    response.status() + " problem without type, title or its status on " + request.operation(),
                    request,
                    response);
        }
    }

    private static void fail(String kind, RequestGenerator.FuzzRequest request, RawHttp.Response response) {
        FAILURES.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        if (!COLLECT) {
            throw new AssertionError(kind + "\n  request: " + request + "\n  answer: "
                    + (response == null
                            ? "none"
                            : response.status() + " " + response.headers() + " "
                                    + response.body()
                                            .substring(
                                                    0,
                                                    Math.min(
                                                            500, response.body().length()))));
        }
    }
}
