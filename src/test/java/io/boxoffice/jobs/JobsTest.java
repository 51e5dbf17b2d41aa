package io.boxoffice.jobs;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.boxoffice.support.ApiTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the tests of jobs and emails: one Boxoffice whose worker runs one job at a time (so the
 * order jobs start in is the order they were claimed in), with job types of its own that record
 * what they did, retries bounded at 10 s doubling to 80 s, and a real SMTP server (GreenMail) in
 * this JVM that a test may stop and start again on the same port.
 */
@Import(JobsTest.TestJobs.class)
@TestPropertySource(
        properties = {
            "boxoffice.jobs.threads=1",
            "boxoffice.jobs.poll-interval=50ms",
            "boxoffice.jobs.retry-base=10s",
            "boxoffice.jobs.retry-cap=80s",
            "boxoffice.jobs.metrics-refresh=0s",
            "boxoffice.notifications.max-attempts=30",
            "spring.mail.host=127.0.0.1"
        })
abstract class JobsTest extends ApiTest {

    /** What the test job types saw: shared by every node in this JVM, as a table would be. */
    static final Runs RUNS = new Runs();

    static final int SMTP_PORT = freePort();
    static volatile GreenMail smtp = startSmtp();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Jobs jobs;

    @Autowired
    private List<JobType> types;

    /** The job type of this name on the test's node. */
    protected JobType type(String name) {
        return types.stream()
                .filter(type -> type.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many rows the queue holds of a job type. */
    protected long pending(String type) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_name = :type")
                .param("type", type)
                .query(Long.class)
                .single();
    }

    /** How many rows the queue holds of one job instance, of any type. */
    protected long pendingInstance(String instance) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_instance = :instance")
                .param("instance", instance)
                .query(Long.class)
                .single();
    }

    /** The runs of the test job types. */
    static final class Runs {
        /** Every run of {@code counted}, per instance. */
        final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
        /** Runs of {@code counted}, per node label. */
        final Map<String, AtomicInteger> countedByNode = new ConcurrentHashMap<>();
        /** The instances of the ordered job types, in the order their runs began. */
        final List<String> started = new CopyOnWriteArrayList<>();
        /** Attempts of the failing job, with the time each began by the application clock. */
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        /** Whether the failing job fails (a replay may find it fixed). */
        volatile boolean failing = true;
        /** What the blocking job waits for. */
        volatile java.util.concurrent.CountDownLatch blocker = new java.util.concurrent.CountDownLatch(0);
        /** How many blocking jobs have begun. */
        final AtomicInteger blocked = new AtomicInteger();
        /** Runs of the recurring test job, per node label. */
        final Map<String, AtomicInteger> recurringByNode = new ConcurrentHashMap<>();
        /** How many runs of the recurring test job are in progress, and the most there ever were. */
        final AtomicInteger recurringNow = new AtomicInteger();

        final AtomicInteger recurringMost = new AtomicInteger();

        record Attempt(String instance, int attempt, Instant at) {}
    }

    /** Test job types, on a node labelled {@code node}. */
    static List<JobType> testTypes(String node, Clock clock) {
        return List.of(
                new JobType("test-counted", JobPriority.MEDIUM, 3, job -> {
                    RUNS.counted
                            .computeIfAbsent(job.instance(), key -> new AtomicInteger())
                            .incrementAndGet();
                    RUNS.countedByNode
                            .computeIfAbsent(node, key -> new AtomicInteger())
                            .incrementAndGet();
                }),
                new JobType("test-high", JobPriority.HIGH, 1, job -> RUNS.started.add("high " + job.instance())),
                new JobType("test-medium", JobPriority.MEDIUM, 1, job -> RUNS.started.add("medium " + job.instance())),
                new JobType("test-low", JobPriority.LOW, 1, job -> RUNS.started.add("low " + job.instance())),
                new JobType("test-blocking", JobPriority.HIGH, 1, job -> {
                    RUNS.blocked.incrementAndGet();
                    RUNS.blocker.await(60, java.util.concurrent.TimeUnit.SECONDS);
                }),
                new JobType("test-failing", JobPriority.MEDIUM, 4, job -> {
                    RUNS.attempts.add(new Runs.Attempt(job.instance(), job.attempt(), clock.instant()));
                    if (RUNS.failing) {
                        throw new IllegalStateException("failing on purpose, attempt " + job.attempt());
                    }
                }));
    }

    /** A recurring job that takes a while, on a node labelled {@code node}: two runs at once would show. */
    static RecurringJob testRecurring(String node) {
        return new RecurringJob("test-recurring", JobPriority.LOW, Duration.ofMillis(100), () -> {
            int now = RUNS.recurringNow.incrementAndGet();
            RUNS.recurringMost.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(30); // the job's own work: long enough for another node to try to start it meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                RUNS.recurringNow.decrementAndGet();
                RUNS.recurringByNode
                        .computeIfAbsent(node, key -> new AtomicInteger())
                        .incrementAndGet();
            }
        });
    }

    /** The test job types of the test's own node. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestJobs {

        @Bean
        JobType testCounted(Clock clock) {
            return testTypes("a", clock).get(0);
        }

        @Bean
        JobType testHigh(Clock clock) {
            return testTypes("a", clock).get(1);
        }

        @Bean
        JobType testMedium(Clock clock) {
            return testTypes("a", clock).get(2);
        }

        @Bean
        JobType testLow(Clock clock) {
            return testTypes("a", clock).get(3);
        }

        @Bean
        JobType testBlocking(Clock clock) {
            return testTypes("a", clock).get(4);
        }

        @Bean
        RecurringJob testRecurring() {
            return JobsTest.testRecurring("a");
        }

        @Bean
        JobType testFailing(Clock clock) {
            return testTypes("a", clock).get(5);
        }
    }
}
