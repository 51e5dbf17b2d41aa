package io.boxoffice.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.NodeProcess;
import io.boxoffice.support.PgCluster;
import io.boxoffice.support.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Boxoffice as production runs it, in its own JVM with the production profile: a primary and a
 * replica (bin/pg-cluster), Redis, an SMTP server (GreenMail) and an OTLP collector (a bare HTTP
 * server in this test recording what it is sent). A scripted traffic mix must leave every metric
 * an operator relies on with non-zero samples, including every metric the alert rules and the
 * dashboard in deploy/ use; a traceparent must reach the logs, the problem body and the exported
 * spans (JDBC statements included); and losing Redis, SMTP and the replica must degrade the
 * node's health without taking it out of the balancer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path LOG = Path.of("target", "observability-node-" + UUID.randomUUID() + ".log");

    private static PgCluster cluster;
    private static RedisServer redis;
    private static GreenMail smtp;
    private static int smtpPort;
    private static HttpServer collector;
    private static final List<byte[]> exported = new CopyOnWriteArrayList<>();
    private static NodeProcess node;
    private static Api api;
    private static Api management;
    private static final List<String> secrets = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = PgCluster.up(1, "--backups");
        redis = RedisServer.start();
        smtpPort = freePort();
        smtp = startSmtp();
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                exported.add(body.readAllBytes());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        secrets.add(ApiTest.ADMIN_PASSWORD);
        node = NodeProcess.start(
                        LOG,
                        "--spring.profiles.active=production",
                        "--spring.datasource.url=" + cluster.primaryUrl(),
                        "--spring.datasource.username=" + cluster.username(),
                        "--boxoffice.datasource.replica-urls=" + String.join(",", cluster.replicaUrls()),
                        "--spring.data.redis.url=" + redis.url(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtpPort,
                        // the name the issue gives; Spring Boot 4 calls it
                        // management.opentelemetry.tracing.export.otlp.endpoint
                        "--management.otlp.tracing.endpoint=http://127.0.0.1:"
                                + collector.getAddress().getPort() + "/v1/traces",
                        "--management.opentelemetry.tracing.export.schedule-delay=200ms",
                        "--boxoffice.orders.hold-ttl=2s",
                        "--boxoffice.jobs.metrics-refresh=1s",
                        "--boxoffice.rate-limit.enabled=true",
                        "--boxoffice.rate-limit.login-per-account=3/1h",
                        "--boxoffice.demo-data=false",
                        // the backup schedule's first run (a full backup) and the archive's figures
                        "--boxoffice.backups.enabled=true",
                        "--boxoffice.backups.command="
                                + Path.of("bin/pg-backup").toAbsolutePath() + ",--dir," + cluster.dir(),
                        "--boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
                        "--boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD)
                .awaitReady(Duration.ofSeconds(180));
        api = node.api();
        management = node.management();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.terminate();
            if (!node.process().waitFor(60, TimeUnit.SECONDS)) {
                node.kill();
            }
        }
        if (collector != null) {
            collector.stop(0);
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (redis != null) {
            redis.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aTrafficMixLeavesEveryMetricTheOperatorWatchesWithSamples() throws Exception {
        trafficMix();
        await("a hold expired and swept", () -> sum(scrape(), "boxoffice_holds_expired_total", Map.of()) > 0);
        await("the confirmation email sent", () -> smtp.getReceivedMessages().length > 0);
        await(
                "the email job counted",
                () -> sum(scrape(), "boxoffice_jobs_executions_total", Map.of("job", "order-confirmation-email")) > 0);

        List<Sample> samples = scrape();
        // HTTP per route and status, with the buckets the quantiles are computed from
        for (String uri : List.of("/api/v1/orders", "/api/v1/orders/{id}/pay", "/api/v1/events/{id}")) {
            assertThat(sum(samples, "http_server_requests_seconds_count", Map.of("uri", uri)))
                    .as("requests to %s", uri)
                    .isPositive();
        }
        assertThat(sum(samples, "http_server_requests_seconds_count", Map.of("status", "404")))
                .isPositive();
        assertThat(sum(samples, "http_server_requests_seconds_bucket", Map.of("uri", "/api/v1/orders", "le", "+Inf")))
                .isPositive();
        assertThat(labelValues(samples, "http_server_requests_seconds_bucket", "le"))
                .contains("0.005", "0.1", "1.0", "+Inf");
        // a pool per target, each used
        for (String pool : List.of("primary", "replica1")) {
            assertThat(sum(samples, "hikaricp_connections_acquire_seconds_count", Map.of("pool", pool)))
                    .as("connections taken from the %s pool", pool)
                    .isPositive();
            assertThat(sum(samples, "hikaricp_connections_max", Map.of("pool", pool)))
                    .isPositive();
        }
        // the JVM and its virtual threads
        assertThat(sum(samples, "jvm_memory_used_bytes", Map.of("area", "heap")))
                .isPositive();
        assertThat(sum(samples, "jvm_threads_virtual_parallelism", Map.of())).isPositive();
        assertThat(sum(samples, "jvm_threads_virtual_live_threads", Map.of())).isPositive();
        assertThat(names(samples)).contains("jvm_threads_virtual_pinned_seconds_count");
        // orders by outcome, tickets, holds, and the reservation batcher
        for (String outcome : List.of("held", "confirmed", "sold_out", "declined", "cancelled")) {
            assertThat(sum(samples, "boxoffice_orders_total", Map.of("outcome", outcome)))
                    .as("orders with outcome %s", outcome)
                    .isPositive();
        }
        assertThat(sum(samples, "boxoffice_orders_total", Map.of("outcome", "confirmed")))
                .isEqualTo(1);
        assertThat(sum(samples, "boxoffice_tickets_sold_total", Map.of())).isEqualTo(2);
        assertThat(sum(samples, "boxoffice_holds_expired_total", Map.of())).isEqualTo(1);
        assertThat(sum(samples, "boxoffice_reservation_batch_size_count", Map.of()))
                .isGreaterThanOrEqualTo(4);
        assertThat(sum(samples, "boxoffice_reservation_queue_wait_seconds_count", Map.of()))
                .isEqualTo(sum(samples, "boxoffice_reservation_batch_size_sum", Map.of()));
        // caches: the near cache hit, loads, Redis
        assertThat(sum(samples, "cache_gets_total", Map.of("result", "hit"))).isPositive();
        assertThat(sum(samples, "boxoffice_cache_loads_total", Map.of("source", "database")))
                .isPositive();
        assertThat(sum(samples, "boxoffice_cache_shared_gets_total", Map.of())).isPositive();
        assertThat(sum(samples, "resilience4j_circuitbreaker_state", Map.of("name", "redis", "state", "closed")))
                .isEqualTo(1);
        // replicas: read from, in rotation, lag measured
        assertThat(sum(samples, "boxoffice_db_reads_total", Map.of("target", "replica")))
                .isPositive();
        assertThat(sum(samples, "boxoffice_db_replica_available", Map.of("replica", "replica1")))
                .isEqualTo(1);
        assertThat(names(samples)).contains("boxoffice_db_replica_lag_seconds", "boxoffice_db_replica_lag_bytes");
        // jobs
        assertThat(sum(samples, "boxoffice_jobs_executions_total", Map.of("job", "hold-sweeper", "outcome", "success")))
                .isPositive();
        assertThat(labelValues(samples, "boxoffice_jobs_queue_depth", "priority"))
                .containsExactlyInAnyOrder("high", "medium", "low");
        assertThat(labelValues(samples, "boxoffice_jobs_oldest_age_seconds", "priority"))
                .containsExactlyInAnyOrder("high", "medium", "low");
        assertThat(names(samples)).contains("boxoffice_jobs_dead");
        // each run timed, by job type; the successful email run among them
        assertThat(sum(samples, "boxoffice_jobs_run_seconds_count", Map.of("job", "order-confirmation-email")))
                .isGreaterThanOrEqualTo(sum(
                        samples,
                        "boxoffice_jobs_executions_total",
                        Map.of("job", "order-confirmation-email", "outcome", "success")))
                .isPositive();
        assertThat(sum(
                        samples,
                        "boxoffice_jobs_run_seconds_bucket",
                        Map.of("job", "hold-sweeper", "error", "none", "le", "+Inf")))
                .isPositive();

        // rate limits and shedding: the refused guess counted, every series there from the start
        assertThat(sum(samples, "boxoffice_ratelimit_rejected_total", Map.of("tier", "anonymous", "reason", "login")))
                .isEqualTo(1);
        assertThat(labelValues(samples, "boxoffice_ratelimit_rejected_total", "tier"))
                .containsExactlyInAnyOrder("anonymous", "attendee", "organizer", "partner", "admin");
        assertThat(labelValues(samples, "boxoffice_load_shed_total", "class"))
                .containsExactlyInAnyOrder("browse", "other", "critical");
        assertThat(names(samples)).contains("boxoffice_load_in_flight");

        // every metric the alert rules and the dashboard use is one this node exports
        Set<String> used = new TreeSet<>();
        used.addAll(PromQl.metricNames(OpsFiles.alerts(OpsFiles.ALERTS).stream()
                .map(OpsFiles.Alert::expression)
                .toList()));
        used.addAll(PromQl.metricNames(OpsFiles.dashboardExpressions()));
        assertThat(used).as("metrics the ops files use").hasSizeGreaterThan(20);
        used.remove("up"); // written by Prometheus itself for every scrape target
        assertThat(names(samples)).containsAll(used);

        // nothing secret reached the log
        String log = Files.readString(LOG);
        assertThat(secrets).allSatisfy(secret -> assertThat(log).doesNotContain(secret));
    }

    @Test
    @Order(2)
    void aTraceparentReachesTheLogLinesTheProblemBodyAndTheExportedSpans() throws Exception {
        String written = HexFormat.of().formatHex(randomBytes(16));
        Api.Response signUp = api.post(
                "/api/v1/accounts",
                null,
                Map.of(
                        "email",
                        "traced-" + written + "@test.boxoffice.test",
                        "password",
                        "password-" + written,
                        "displayName",
                        "Traced",
                        "role",
                        "ATTENDEE"),
                "traceparent",
                traceparent(written));
        assertThat(signUp.status()).isEqualTo(201);
        secrets.add("password-" + written);

        String failed = HexFormat.of().formatHex(randomBytes(16));
        String missing = "/api/v1/events/" + UUID.randomUUID();
        Api.Response problem = api.get(missing, null, "traceparent", traceparent(failed));
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.json().get("traceId").asString()).isEqualTo(failed);

        // a request without a traceparent gets a trace of its own, in its problem body too
        Api.Response untraced = api.get("/api/v1/events/" + UUID.randomUUID());
        assertThat(untraced.json().get("traceId").asString())
                .matches("[0-9a-f]{32}")
                .isNotEqualTo(failed);

        // the logs are ECS JSON, one object a line (no text-format line anywhere), and the request's lines carry its
        // trace id
        assertThat(Files.readAllLines(LOG))
                .noneMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) .*"));
        await(
                "the access log line of the failed request",
                () -> logLines().stream()
                        .anyMatch(line -> line.at("/url/path").asString("").equals(missing)));
        List<JsonNode> lines = logLines();
        List<JsonNode> ofRequest =
                lines.stream().filter(line -> line.toString().contains(missing)).toList();
        assertThat(ofRequest).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("traceId").asString()).isEqualTo(failed);
            assertThat(line.at("/log/logger").asString()).isEqualTo(AccessLog.LOGGER);
            assertThat(line.at("/http/route").asString()).isEqualTo("/api/v1/events/{id}");
            assertThat(line.at("/http/response/status_code").asInt()).isEqualTo(404);
        });
        assertThat(lines.stream()
                        .filter(line -> line.path("traceId").asString("").equals(written)))
                .as("log lines of the sign-up")
                .isNotEmpty();

        // the sampled trace is exported over OTLP with its JDBC statements as spans
        byte[] traceId = HexFormat.of().parseHex(written);
        await(
                "the sign-up's spans exported",
                () -> exported.stream()
                        .anyMatch(body -> contains(body, traceId) && contains(body, bytes("postgresql"))));
    }

    @Test
    @Order(3)
    void losingRedisSmtpAndTheReplicaDegradesHealthButNotReadiness() throws Exception {
        assertThat(health("/actuator/health").get("status").asString()).isEqualTo("UP");

        redis.kill();
        smtp.stop();
        cluster.stopReplica(1);
        await("redis, smtp and the replica reported degraded", () -> {
            JsonNode components = health("/actuator/health").get("components");
            return List.of("redis", "smtp", "replicas").stream()
                    .allMatch(name ->
                            components.get(name).get("status").asString().equals("DEGRADED"));
        });
        Api.Response overall = management.get("/actuator/health");
        assertThat(overall.status()).isEqualTo(200);
        assertThat(overall.json().get("status").asString()).isEqualTo("DEGRADED");
        Api.Response readiness = management.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().get("components").properties().stream()
                        .map(Map.Entry::getKey)
                        .toList())
                .containsExactlyInAnyOrder("db", "migrations", "readinessState");
        // and the node still sells
        assertThat(api.get("/api/v1/events?city=Metricsville").status()).isEqualTo(200);

        redis.restart();
        smtp = startSmtp();
        cluster.startReplica(1);
        await(
                "every component back up",
                () -> health("/actuator/health").get("status").asString().equals("UP"));
    }

    @Test
    @Order(4)
    void losingThePrimaryAloneKeepsTheNodeReadyForReads() throws Exception {
        Api.Account organizer = api.signUp("ORGANIZER");
        api.get("/api/v1/me", organizer.token()); // its roles are known to the node before the primary goes
        cluster.stopPrimary();
        try {
            await(
                    "readiness DEGRADED",
                    () -> health("/actuator/health/readiness")
                            .get("status")
                            .asString()
                            .equals("DEGRADED"));
            Api.Response readiness = management.get("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            JsonNode db = readiness.json().get("components").get("db");
            assertThat(db.get("status").asString()).isEqualTo("DEGRADED");
            // and stays so past the replica lag limit (5 s): lag is not judged against a primary that is gone
            org.awaitility.Awaitility.await("readiness still DEGRADED past the lag limit")
                    .during(Duration.ofSeconds(7))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> management.get("/actuator/health/readiness").status() == 200);
            // browsing goes on from the replica, a write is told to come back
            assertThat(api.get("/api/v1/events?city=Metricsville&limit=7").status())
                    .isEqualTo(200);
            Api.Response write = api.post("/api/v1/venues", organizer.token(), Fixtures.venue("Nowhere"));
            assertThat(write.status()).isEqualTo(503);
            assertThat(write.json().get("type").asString()).endsWith("/database-unavailable");
        } finally {
            cluster.startPrimary();
        }
        await(
                "readiness UP again",
                () -> health("/actuator/health/readiness")
                        .get("status")
                        .asString()
                        .equals("UP"));
    }

    @Test
    @Order(5)
    void losingThePrimaryTakesTheNodeOutOfRotationButKeepsItAlive() throws Exception {
        cluster.stop();
        await(
                "readiness answered 503",
                () -> management.get("/actuator/health/readiness").status() == 503);
        Api.Response readiness = management.get("/actuator/health/readiness");
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
        assertThat(readiness.json().get("components").get("db").get("status").asString())
                .isEqualTo("DOWN");
        // restarting the process would not bring the database back: liveness stays up
        Api.Response liveness = management.get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");

        cluster.start();
        await(
                "readiness answered 200 again",
                () -> management.get("/actuator/health/readiness").status() == 200);
        assertThat(api.get("/api/v1/events?city=Metricsville").status()).isEqualTo(200);
    }

    private static void trafficMix() {
        Api.Account organizer = api.signUp("ORGANIZER");
        secrets.add(organizer.token());
        String venueId = api.venueId(organizer.token(), "Metricsville");
        JsonNode event =
                api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 2500, 5)));
        String eventId = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v1/events/" + eventId).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/events?city=Metricsville").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/events/" + eventId + "/availability").status())
                    .isEqualTo(200);
        }
        Api.Account buyer = api.signUp("ATTENDEE");
        secrets.add(buyer.token());
        secrets.add("password-" + buyer.email());

        String paid = place(buyer, eventId, typeId, 2);
        assertThat(api.post("/api/v1/orders/" + paid + "/pay", buyer.token(), Map.of("paymentMethod", "test_declined"))
                        .status())
                .isEqualTo(402);
        assertThat(api.post("/api/v1/orders/" + paid + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"))
                        .status())
                .isEqualTo(200);
        String cancelled = place(buyer, eventId, typeId, 1);
        assertThat(api.post("/api/v1/orders/" + cancelled + "/cancel", buyer.token(), null)
                        .status())
                .isEqualTo(200);
        place(buyer, eventId, typeId, 1); // left to expire
        Api.Response soldOut = api.post(
                "/api/v1/orders",
                buyer.token(),
                Fixtures.order(eventId, typeId, 3),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(soldOut.status()).isEqualTo(409);
        Api.Response unknown = api.get("/api/v1/orders/" + UUID.randomUUID(), buyer.token());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("RateLimit-Policy")).isEqualTo("\"attendee-read\";q=1200;w=60");
        // someone guessing the buyer's password: the account's sign-ins run out after three
        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guesses.add(api.post("/api/v1/auth/token", null, Map.of("email", buyer.email(), "password", "guess-" + i))
                    .status());
        }
        assertThat(guesses).containsExactly(401, 401, 429);
    }

    private static String place(Api.Account buyer, String eventId, String typeId, int quantity) {
        Api.Response placed = api.post(
                "/api/v1/orders",
                buyer.token(),
                Fixtures.order(eventId, typeId, quantity),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        assertThat(placed.status()).as(placed.text()).isEqualTo(201);
        return placed.json().get("id").asString();
    }

    // --- the scrape ---

    record Sample(String name, Map<String, String> labels, double value) {}

    private static List<Sample> scrape() {
        Api.Response response = management.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        List<Sample> samples = new ArrayList<>();
        for (String line : response.text().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(parse(line));
            }
        }
        return samples;
    }

    /** One line of the Prometheus text format: {@code name{a="x",b="y"} value}. */
    static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        double value = Double.parseDouble(line.substring(space + 1));
        if (brace < 0 || brace > space) {
            return new Sample(line.substring(0, space), Map.of(), value);
        }
        Map<String, String> labels = new java.util.HashMap<>();
        int close = line.lastIndexOf('}');
        for (String pair : line.substring(brace + 1, close).split("\",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                labels.put(pair.substring(0, equals), pair.substring(equals + 2).replaceAll("\"$", ""));
            }
        }
        return new Sample(line.substring(0, brace), labels, value);
    }

    private static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    private static Set<String> names(List<Sample> samples) {
        return samples.stream().map(Sample::name).collect(Collectors.toSet());
    }

    private static Set<String> labelValues(List<Sample> samples, String name, String label) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .map(sample -> sample.labels().get(label))
                .collect(Collectors.toSet());
    }

    // --- health, logs, helpers ---

    private static JsonNode health(String path) {
        return management.get(path).json();
    }

    private static List<JsonNode> logLines() {
        List<String> text;
        try {
            text = Files.readAllLines(LOG);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text) {
            if (line.startsWith("{")) {
                lines.add(Api.JSON.readTree(line));
            }
        }
        return lines;
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
