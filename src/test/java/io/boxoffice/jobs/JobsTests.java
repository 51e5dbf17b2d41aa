package io.boxoffice.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.platform.jdbc.Timestamps;
import io.boxoffice.support.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The queue on a real PostgreSQL with real workers: transactions, exclusivity, priorities, retries, dead letters. */
class JobsTests extends JobsTest {

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private RetryPolicy retries;

    @Test
    void aJobIsEnqueuedWithTheTransactionOrNotAtAll() {
        transactions.executeWithoutResult(status -> {
            jobs.enqueue(type("test-counted"), "rolled-back");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> jobs.enqueue(type("test-counted"), "committed"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> RUNS.counted.containsKey("committed"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> pending("test-counted") == 0);
        assertThat(RUNS.counted.get("committed")).hasValue(1);
        assertThat(RUNS.counted).doesNotContainKey("rolled-back");
    }

    @Test
    void twoWorkersRunTenThousandJobsEachExactlyOnce() {
        List<String> instances =
                IntStream.range(0, 10_000).mapToObj(i -> "bulk-" + i).toList();
        try (ConfigurableApplicationContext second = startNode(
                testBeans("b"),
                "--boxoffice.role=worker",
                "--boxoffice.jobs.threads=4",
                "--boxoffice.jobs.poll-interval=50ms")) {
            assertThat(second.getBean(JobWorker.class).isRunning()).isTrue();
            assertThat(jobs.enqueueAll(type("test-counted"), instances)).isEqualTo(10_000);

            await().atMost(180, TimeUnit.SECONDS)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> pending("test-counted") == 0);
        }
        long ranOnce = instances.stream()
                .filter(instance -> RUNS.counted.containsKey(instance)
                        && RUNS.counted.get(instance).get() == 1)
                .count();
        assertThat(ranOnce).isEqualTo(10_000);
        assertThat(instances.stream()
                        .mapToInt(instance -> RUNS.counted.get(instance).get())
                        .sum())
                .isEqualTo(10_000);
        // both workers took part: the queue, not luck, kept them apart
        assertThat(RUNS.countedByNode.get("a")).isNotNull().hasPositiveValue();
        assertThat(RUNS.countedByNode.get("b")).isNotNull().hasPositiveValue();
    }

    @Test
    void underABacklogHighRunsBeforeMediumBeforeLow() {
        int each = 60;
        RUNS.started.clear();
        // one transaction: the worker finds the whole backlog at once, low enqueued first (oldest)
        transactions.executeWithoutResult(status -> {
            jobs.enqueueAll(type("test-low"), numbered(each));
            jobs.enqueueAll(type("test-medium"), numbered(each));
            jobs.enqueueAll(type("test-high"), numbered(each));
        });
        // all due at one instant: a poll that computed its "now" mid-transaction sees all of it due or none
        assertThat(jdbc.sql("""
                        select count(distinct execution_time) from scheduled_tasks
                         where task_name in ('test-low', 'test-medium', 'test-high')
                        """).query(Integer.class).single()).isLessThanOrEqualTo(1);
        await().atMost(60, TimeUnit.SECONDS).until(() -> RUNS.started.size() == 3 * each);

        List<String> order = new ArrayList<>(RUNS.started);
        assertThat(order.subList(0, each)).allMatch(run -> run.startsWith("high "));
        assertThat(order.subList(each, 2 * each)).allMatch(run -> run.startsWith("medium "));
        assertThat(order.subList(2 * each, 3 * each)).allMatch(run -> run.startsWith("low "));
    }

    private static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> "p" + i).toList();
    }

    @Test
    void aFailingJobBacksOffWithJitterThenGoesToTheDeadLettersAndCanBeReplayed() {
        RUNS.failing = true;
        String instance = "retry-" + System.nanoTime();
        jobs.enqueue(type("test-failing"), instance, "{\"payload\":1}");

        Map<Integer, Duration> delays = new java.util.HashMap<>();
        for (int failed = 1; failed < 4; failed++) {
            int attempt = failed;
            await().atMost(30, TimeUnit.SECONDS)
                    .until(() -> consecutiveFailures(instance) >= attempt || deadCount(instance) == 1);
            Optional<Duration> delay = jdbc.sql("""
                            select last_failure, execution_time from scheduled_tasks
                             where task_name = 'test-failing' and task_instance = :instance
                               and consecutive_failures = :attempt
                            """)
                    .param("instance", instance)
                    .param("attempt", attempt)
                    .query((rs, n) -> Duration.between(
                            Timestamps.read(rs, "last_failure"), Timestamps.read(rs, "execution_time")))
                    .optional();
            // full jitter: anywhere from nothing to the bound, and the bound doubles: 10 s, 20 s, 40 s
            assertThat(retries.bound(attempt)).isEqualTo(Duration.ofSeconds(10L << (attempt - 1)));
            if (delay.isPresent()) { // else it drew a delay of a few milliseconds and has run again already
                assertThat(delay.get()).isBetween(Duration.ZERO, retries.bound(attempt));
                delays.put(attempt, delay.get());
                // no sleeping through the backoff: the application's clock moves to the bound
                clock.advance(retries.bound(attempt));
            }
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> deadCount(instance) == 1);
        assertThat(pendingInstance(instance)).isZero();
        assertThat(delays.values()).doesNotHaveDuplicates();

        // each attempt began no earlier than the time its backoff set
        List<JobsTest.Runs.Attempt> attempts = RUNS.attempts.stream()
                .filter(run -> run.instance().equals(instance))
                .toList();
        assertThat(attempts).extracting(JobsTest.Runs.Attempt::attempt).containsExactly(1, 2, 3, 4);
        delays.forEach((failed, delay) -> assertThat(attempts.get(failed).at())
                .isAfterOrEqualTo(attempts.get(failed - 1).at().plus(delay).minusMillis(5)));

        String admin = api.token(ADMIN_EMAIL, ADMIN_PASSWORD);
        JsonNode dead = api.get("/api/v1/admin/jobs/dead?type=test-failing&limit=100", admin)
                .json()
                .get("items");
        JsonNode item = null;
        for (JsonNode candidate : dead) {
            if (candidate.get("instance").asString().equals(instance)) {
                item = candidate;
            }
        }
        assertThat(item).as(dead.toString()).isNotNull();
        assertThat(item.get("type").asString()).isEqualTo("test-failing");
        assertThat(item.get("data").asString()).isEqualTo("{\"payload\":1}");
        assertThat(item.get("priority").asString()).isEqualTo("medium");
        assertThat(item.get("attempts").asInt()).isEqualTo(4);
        assertThat(item.get("lastError").asString()).contains("failing on purpose, attempt 4");

        String metrics = management().get("/actuator/prometheus").text();
        assertThat(metrics)
                .contains("boxoffice_jobs_executions_total{job=\"test-failing\",outcome=\"dead\"}")
                .contains("boxoffice_jobs_executions_total{job=\"test-failing\",outcome=\"failure\"}")
                .containsPattern("boxoffice_jobs_dead [1-9]");

        // only an administrator sees or touches the dead letters
        String id = item.get("id").asString();
        assertThat(api.get("/api/v1/admin/jobs/dead", null).status()).isEqualTo(401);
        Api.Account attendee = api.signUp("ATTENDEE");
        assertThat(api.get("/api/v1/admin/jobs/dead", attendee.token()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/admin/jobs/dead/" + id + "/retry", attendee.token(), null)
                        .status())
                .isEqualTo(403);
        assertThat(deadCount(instance)).isEqualTo(1);

        // fixed, replayed: it runs again from its first attempt, and succeeds
        RUNS.failing = false;
        Api.Response replayed = api.post("/api/v1/admin/jobs/dead/" + id + "/retry", admin, null);
        assertThat(replayed.status()).as(replayed.text()).isEqualTo(202);
        await().atMost(30, TimeUnit.SECONDS)
                .until(() -> RUNS.attempts.stream()
                                .filter(run -> run.instance().equals(instance))
                                .count()
                        == 5);
        await().atMost(30, TimeUnit.SECONDS).until(() -> pendingInstance(instance) == 0);
        assertThat(RUNS.attempts.getLast().attempt()).isEqualTo(1);
        assertThat(deadCount(instance)).isZero();
        assertThat(api.post("/api/v1/admin/jobs/dead/" + id + "/retry", admin, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aDeadJobCanBeDeleted() {
        RUNS.failing = true;
        String instance = "doomed-" + System.nanoTime();
        jobs.enqueue(type("test-failing"), instance);
        // however small each jittered delay, moving the clock by the cap makes the next attempt due
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
            clock.advance(retries.bound(4));
            return deadCount(instance) == 1;
        });
        String id = jdbc.sql("select cast(id as text) from dead_job where task_instance = :instance")
                .param("instance", instance)
                .query(String.class)
                .single();
        String admin = api.token(ADMIN_EMAIL, ADMIN_PASSWORD);

        assertThat(api.delete("/api/v1/admin/jobs/dead/" + id, admin).status()).isEqualTo(204);
        assertThat(deadCount(instance)).isZero();
        assertThat(pendingInstance(instance)).isZero();
        assertThat(api.delete("/api/v1/admin/jobs/dead/" + id, admin).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/admin/jobs/dead/not-a-uuid", admin).status())
                .isEqualTo(404);
    }

    @Test
    void queueDepthAndOldestAgeArePerPriority() throws Exception {
        RUNS.blocker = new java.util.concurrent.CountDownLatch(1);
        try {
            jobs.enqueue(type("test-blocking"), "block");
            await().atMost(30, TimeUnit.SECONDS).until(() -> RUNS.blocked.get() == 1);
            // the only worker thread is busy: these wait (no recurring job is of medium priority)
            jobs.enqueueAll(type("test-medium"), List.of("wait-1", "wait-2", "wait-3"));
            clock.advance(Duration.ofSeconds(30));

            String admin = api.token(ADMIN_EMAIL, ADMIN_PASSWORD);
            JsonNode queue = api.get("/api/v1/admin/jobs", admin).json();
            Map<String, JsonNode> lanes = new java.util.HashMap<>();
            queue.get("priorities")
                    .forEach(lane -> lanes.put(lane.get("priority").asString(), lane));
            assertThat(lanes.keySet()).containsExactlyInAnyOrder("high", "medium", "low");
            assertThat(lanes.get("medium").get("depth").asLong()).isEqualTo(3);
            assertThat(lanes.get("medium").get("oldestAgeSeconds").asDouble()).isBetween(30.0, 60.0);
            // the hold sweeper fell due meanwhile and waits too, in its own lane
            assertThat(lanes.get("high").get("depth").asLong()).isPositive();
            assertThat(management().get("/actuator/prometheus").text())
                    .contains("boxoffice_jobs_queue_depth{priority=\"medium\"} 3.0")
                    .containsPattern("boxoffice_jobs_oldest_age_seconds\\{priority=\"medium\"} [3-5][0-9]\\.");
        } finally {
            RUNS.blocker.countDown();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> pending("test-medium") == 0);
        JsonNode drained = api.get("/api/v1/admin/jobs", api.token(ADMIN_EMAIL, ADMIN_PASSWORD))
                .json();
        // the medium lane is empty again (the recurring jobs of the other lanes come and go)
        drained.get("priorities").forEach(lane -> {
            if (lane.get("priority").asString().equals("medium")) {
                assertThat(lane.get("depth").asLong()).as(lane.toString()).isZero();
            }
        });
    }

    @Test
    void aWorkerServesOnlyHealthAndMetricsAndAWebNodeRunsNoJobs() {
        try (ConfigurableApplicationContext worker = startNode(testBeans("w"), "--boxoffice.role=worker");
                ConfigurableApplicationContext web = startNode("--boxoffice.role=web")) {
            Api workerApi = apiOf(worker);
            Api.Response refused = workerApi.get("/api/v1/events");
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).endsWith("/worker-node");
            assertThat(workerApi.get("/readyz").status()).isEqualTo(200);
            assertThat(managementOf(worker).get("/actuator/prometheus").text()).contains("boxoffice_jobs_queue_depth");
            assertThat(worker.getBean(JobWorker.class).isRunning()).isTrue();

            Api webApi = apiOf(web);
            assertThat(webApi.get("/api/v1/events").status()).isEqualTo(200);
            assertThat(web.getBeanNamesForType(JobWorker.class)).isEmpty();
            assertThat(web.getBean(io.boxoffice.platform.NodeRole.class)).isEqualTo(io.boxoffice.platform.NodeRole.WEB);
        }
    }

    @Test
    void aRecurringJobRunsOnOneNodeAtATime() throws InterruptedException {
        try (ConfigurableApplicationContext second =
                startNode(testBeans("r"), "--boxoffice.role=worker", "--boxoffice.jobs.poll-interval=50ms")) {
            int before = runsOfRecurring();
            // every 100 ms after the last run ended, 30 ms each, with two nodes competing for each run
            await().atMost(30, TimeUnit.SECONDS).until(() -> runsOfRecurring() - before >= 20);
            assertThat(RUNS.recurringMost).hasValue(1);
        }
    }

    private static int runsOfRecurring() {
        return RUNS.recurringByNode.values().stream()
                .mapToInt(AtomicInteger::get)
                .sum();
    }

    private Map<String, Object> testBeans(String node) {
        Map<String, Object> beans = new java.util.LinkedHashMap<>();
        AtomicInteger n = new AtomicInteger();
        testTypes(node, clock).forEach(type -> beans.put("testJob" + n.incrementAndGet(), type));
        beans.put("testRecurring", testRecurring(node));
        return beans;
    }

    private int consecutiveFailures(String instance) {
        return jdbc.sql("""
                        select coalesce(max(consecutive_failures), -1) from scheduled_tasks
                         where task_name = 'test-failing' and task_instance = :instance
                        """).param("instance", instance).query(Integer.class).single();
    }

    private long deadCount(String instance) {
        return jdbc.sql("select count(*) from dead_job where task_instance = :instance")
                .param("instance", instance)
                .query(Long.class)
                .single();
    }
}
