package io.boxoffice.jobs;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.boxoffice.Boxoffice;
import io.boxoffice.support.Api;
import io.boxoffice.support.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import tools.jackson.databind.JsonNode;

/**
 * The job-queue benchmark (run by {@code bench/jobs}, not by the test suite): one Boxoffice node
 * over its embedded PostgreSQL with a real SMTP server (GreenMail) in the same JVM. It measures
 * jobs/s through the queue, from one statement that enqueues a backlog to the queue being empty:
 *
 * <ul>
 *   <li>no-op jobs, against pgbench running the same SQL a worker runs per job (claim one due row
 *       with {@code UPDATE ... FOR UPDATE SKIP LOCKED}, then delete it) on the same server with as
 *       many clients as the worker has threads;
 *   <li>order-confirmation emails (read the order, buyer and event, render the templates, claim
 *       the sent-email row, send over SMTP), against the same messages sent straight to the same
 *       SMTP server by as many threads, with no queue or database.
 * </ul>
 *
 * <p>Arguments: NOOP_JOBS EMAIL_JOBS THREADS PGBENCH RESULTS_DIR
 */
public final class JobsBenchmark {

    private static final AtomicInteger NOOPS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int noopJobs = Integer.parseInt(args[0]);
        int emailJobs = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        String pgbench = args[3];
        Path results = Path.of(args[4]);
        Path data = Files.createTempDirectory("boxoffice-jobs-bench");

        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        JobType noop = new JobType("bench-noop", JobPriority.MEDIUM, 3, job -> NOOPS.incrementAndGet());
        ConfigurableApplicationContext node = new SpringApplicationBuilder(Boxoffice.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("benchNoop", noop))
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--boxoffice.embedded.data-dir=" + data,
                        "--boxoffice.embedded.durable=false",
                        "--boxoffice.demo-data=false",
                        "--boxoffice.jobs.threads=" + threads,
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.getSmtp().getPort(),
                        "--logging.level.root=WARN");
        try {
            JdbcClient jdbc = node.getBean(JdbcClient.class);
            Jobs jobs = node.getBean(Jobs.class);
            HikariDataSource pool = node.getBean(HikariDataSource.class);
            List<String> rows = new ArrayList<>();

            // warm-up: the JIT compiles the worker's path before anything is timed
            drain(jdbc, jobs, noop, numbered("warm", Math.min(2_000, noopJobs)));
            double noopRate = drain(jdbc, jobs, noop, numbered("noop", noopJobs));
            double anchorRate = pgbench(pgbench, pool.getJdbcUrl(), pool.getUsername(), jdbc, noopJobs, threads);
            rows.add(row(
                    "no-op jobs",
                    noopJobs,
                    noopRate,
                    "pgbench, same SQL per job, " + threads + " clients",
                    anchorRate));

            if (emailJobs > 0) {
                Api api = new Api("http://localhost:" + node.getEnvironment().getProperty("local.server.port"));
                List<String> orders = freeOrders(api, emailJobs);
                JobType confirmation = node.getBeansOfType(JobType.class).values().stream()
                        .filter(type -> type.name().equals("order-confirmation-email"))
                        .findFirst()
                        .orElseThrow();
                // placing the orders sent their confirmations: wait, forget them, and send them all again, timed
                awaitEmpty(jdbc, confirmation.name());
                jdbc.sql("delete from sent_email").update();
                smtp.purgeEmailFromAllMailboxes();
                double emailRate = drain(jdbc, jobs, confirmation, orders);
                if (smtp.getReceivedMessages().length != emailJobs) {
                    throw new IllegalStateException(
                            "sent " + smtp.getReceivedMessages().length + " emails for " + emailJobs + " jobs");
                }
                double directRate = directSends(node.getBean(JavaMailSender.class), emailJobs, threads);
                rows.add(row(
                        "confirmation emails",
                        emailJobs,
                        emailRate,
                        "direct SMTP sends, " + threads + " threads",
                        directRate));
            }
            write(results, threads, rows);
        } finally {
            node.close();
            smtp.stop();
        }
    }

    /** Enqueues the instances in one statement and returns jobs/s until the queue holds none of them. */
    private static double drain(JdbcClient jdbc, Jobs jobs, JobType type, List<String> instances) {
        long start = System.nanoTime();
        if (jobs.enqueueAll(type, instances) != instances.size()) {
            throw new IllegalStateException("instances already queued");
        }
        awaitEmpty(jdbc, type.name());
        return instances.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static void awaitEmpty(JdbcClient jdbc, String type) {
        await("the queue drained")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> jdbc.sql("select count(*) from scheduled_tasks where task_name = :type")
                                .param("type", type)
                                .query(Long.class)
                                .single()
                        == 0);
    }

    /** The same per-job SQL as a worker, in pgbench: claim one due row, delete it. */
    private static double pgbench(String pgbench, String jdbcUrl, String user, JdbcClient jdbc, int jobs, int clients)
            throws IOException, InterruptedException {
        jdbc.sql("drop table if exists anchor_queue").update();
        jdbc.sql("create table anchor_queue (like scheduled_tasks including all)")
                .update();
        jdbc.sql("""
                        insert into anchor_queue (task_name, task_instance, execution_time, picked, version, priority,
                                                  consecutive_failures)
                        select 'anchor', g::text, now(), false, 1, 50, 0 from generate_series(1, :jobs) g
                        """).param("jobs", jobs).update();
        jdbc.sql("vacuum analyze anchor_queue").update();
        Path script = Files.createTempFile("anchor", ".sql");
        Files.writeString(script, """
                with locked as (update anchor_queue st1 set picked = true, picked_by = 'anchor', last_heartbeat = now(), version = version + 1 where (st1.task_name, st1.task_instance) in (select st2.task_name, st2.task_instance from anchor_queue st2 where picked = false and execution_time <= now() order by priority desc, execution_time asc for update skip locked limit 1) returning st1.*) select task_instance as i, version as v from locked
                \\gset
                delete from anchor_queue where task_name = 'anchor' and task_instance = :i::text and version = :v;
                """);
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Process process = new ProcessBuilder(
                        pgbench,
                        "-n",
                        "-h",
                        uri.getHost(),
                        "-p",
                        String.valueOf(uri.getPort()),
                        "-U",
                        user,
                        "-c",
                        String.valueOf(clients),
                        "-j",
                        String.valueOf(Math.min(clients, 2)),
                        "-t",
                        String.valueOf(jobs / clients),
                        "-f",
                        script.toString(),
                        uri.getPath().substring(1))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("no tps in pgbench output:\n" + output);
        }
        jdbc.sql("drop table anchor_queue").update();
        Files.delete(script);
        return Double.parseDouble(tps.group(1));
    }

    /** Places {@code count} free one-ticket orders; returns their ids. */
    private static List<String> freeOrders(Api api, int count) throws Exception {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venue = api.venueId(organizer.token(), "Benchton");
        JsonNode event =
                api.publishedEvent(organizer.token(), venue, List.of(Fixtures.ticketType("Free entry", 0, count)));
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        List<Api.Account> buyers =
                IntStream.range(0, 8).mapToObj(i -> api.signUp("ATTENDEE")).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Api.Account buyer = buyers.get(i % buyers.size());
                placed.add(pool.submit(() -> {
                    Api.Response response = api.post(
                            "/api/v1/orders",
                            buyer.token(),
                            Fixtures.order(event.get("id").asString(), typeId, 1));
                    if (response.status() != 201) {
                        throw new IllegalStateException("order failed: " + response.text());
                    }
                    return response.json().get("id").asString();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> order : placed) {
                ids.add(order.get());
            }
            return ids;
        }
    }

    /** Sends {@code count} messages like the confirmations straight to the SMTP server; returns sends/s. */
    private static double directSends(JavaMailSender sender, int count, int threads) throws Exception {
        String text =
                "Hello Tester,\n\nyour order is confirmed. Here are your tickets for On sale:\n\n  Free entry: ABCD-EFGH-JKLM\n"
                        .repeat(4);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                sent.add(pool.submit(() -> {
                    var message = sender.createMimeMessage();
                    var helper = new MimeMessageHelper(message, true, "UTF-8");
                    helper.setFrom("Boxoffice <tickets@boxoffice.localhost>");
                    helper.setTo("direct-" + n + "@test.boxoffice.test");
                    helper.setSubject("Your tickets for On sale");
                    helper.setText(text, "<p>" + text + "</p>");
                    sender.send(message);
                    return null;
                }));
            }
            for (Future<?> send : sent) {
                send.get();
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static List<String> numbered(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static String row(String workload, int jobs, double rate, String anchor, double anchorRate) {
        return String.format(
                "| %s | %,d | %,.0f | %s | %,.0f | %.2f |",
                workload, jobs, rate, anchor, anchorRate, rate / anchorRate);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void write(Path results, int threads, List<String> rows) throws IOException {
        Files.createDirectories(results);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        String report = "# Job queue benchmark " + stamp + "\n\n"
                + "One Boxoffice node (role all, " + threads + " worker threads) on its embedded PostgreSQL, "
                + Runtime.getRuntime().availableProcessors() + " cores; GreenMail as the SMTP server in the same JVM.\n"
                + "Jobs/s from the statement that enqueued the backlog to the queue being empty.\n\n"
                + "| workload | jobs | jobs/s | anchor (same run) | anchor/s | ratio |\n"
                + "|---|---:|---:|---|---:|---:|\n"
                + String.join("\n", rows) + "\n";
        Path file = results.resolve("jobs-" + stamp + ".md");
        Files.writeString(file, report);
        System.out.println(report);
        System.out.println("written to " + file);
    }

    private JobsBenchmark() {}
}
