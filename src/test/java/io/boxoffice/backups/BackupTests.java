package io.boxoffice.backups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.boxoffice.Boxoffice;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.PgCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The backup schedule and the WAL archive on a real cluster ({@code bin/pg-cluster up --backups}:
 * a primary, a replica, pgBackRest with three repositories) under a Boxoffice node that takes
 * orders: the schedule's runs through {@code bin/pg-backup}, the restore test, the metrics the
 * alerts read, and archiving through a stopped replica and a repository that cannot be written.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupTests {

    private static PgCluster cluster;
    private static ConfigurableApplicationContext node;
    private static Api api;
    private static Api.Account buyer;
    private static JsonNode event;

    @BeforeAll
    static void start() {
        cluster = PgCluster.up(1, "--backups");
        node = new SpringApplicationBuilder(Boxoffice.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=" + cluster.primaryUrl(),
                        "--spring.datasource.username=" + cluster.username(),
                        "--boxoffice.demo-data=false",
                        "--boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
                        "--boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD,
                        "--boxoffice.rate-limit.enabled=false",
                        "--boxoffice.payments.test-provider-allowed=true",
                        // the test runs the schedule itself; no worker runs it behind its back
                        "--boxoffice.role=web",
                        "--boxoffice.backups.enabled=true",
                        // no order is written while a restore test runs here: compare every row
                        "--boxoffice.backups.command=bin/pg-backup,--dir," + cluster.dir() + ",--settle,0");
        api = new Api("http://localhost:" + node.getEnvironment().getProperty("local.server.port"));
        Api.Account organizer = api.signUp("ORGANIZER");
        event = api.publishedEvent(
                organizer.token(),
                api.venueId(organizer.token(), "Backup City"),
                List.of(Fixtures.ticketType("General", 2500, 1000)));
        buyer = api.signUp("ATTENDEE");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theScheduleTakesAFullAMonthlyAndARestoreTestThenRestsAndTheMetricsSaySo() {
        List<String> paid = placeAndPay(5);
        Backups backups = node.getBean(Backups.class);

        Backups.Ran full = backups.runDue().orElseThrow();
        assertThat(full.kind()).isEqualTo(BackupKind.FULL);
        assertThat(full.succeeded()).as(full.output()).isTrue();
        // both regions, from the replica
        assertThat(full.output()).contains("type=full repo=1", "type=full repo=2", "standby=yes");

        Backups.Ran monthly = backups.runDue().orElseThrow();
        assertThat(monthly.kind()).isEqualTo(BackupKind.MONTHLY);
        assertThat(monthly.succeeded()).as(monthly.output()).isTrue();
        assertThat(monthly.output()).contains("type=full repo=3");

        Backups.Ran restoreTest = backups.runDue().orElseThrow();
        assertThat(restoreTest.kind()).isEqualTo(BackupKind.RESTORE_TEST);
        assertThat(restoreTest.succeeded()).as(restoreTest.output()).isTrue();
        // the copy holds the orders and tickets the source held when the backup was taken
        assertThat(restoreTest.output())
                .contains("restore-test ok repo=1", "orders=" + paid.size(), "tickets=" + paid.size());

        assertThat(backups.runDue()).isEmpty();
        assertThat(count("select count(*) from backup_run where outcome = 'SUCCEEDED'"))
                .isEqualTo(3);

        MeterRegistry meters = node.getBean(MeterRegistry.class);
        long now = System.currentTimeMillis() / 1000;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(gauge(meters, "boxoffice.backup.last.success.timestamp", "full"))
                    .isBetween(now - 300.0, now + 1.0);
            assertThat(gauge(meters, "boxoffice.backup.last.success.timestamp", "monthly"))
                    .isBetween(now - 300.0, now + 1.0);
            assertThat(gauge(meters, "boxoffice.backup.last.success.timestamp", "incr"))
                    .isZero();
            assertThat(meters.get("boxoffice.backup.restore.test.last.success.timestamp")
                            .gauge()
                            .value())
                    .isBetween(now - 300.0, now + 1.0);
            assertThat(meters.get("boxoffice.backup.wal.archive.failing")
                            .gauge()
                            .value())
                    .isZero();
        });
    }

    @Test
    @Order(2)
    void archivingGoesOnThroughAStoppedReplicaAndAnUnwritableRepositoryAndLosesNothing() throws Exception {
        Backups backups = node.getBean(Backups.class);
        MeterRegistry meters = node.getBean(MeterRegistry.class);
        cluster.stopReplica(1);
        try {
            // with its replica down, a backup is taken from the primary
            Backups.Ran incremental = backups.run(BackupKind.INCREMENTAL);
            assertThat(incremental.succeeded()).as(incremental.output()).isTrue();
            assertThat(incremental.output()).contains("type=incr repo=1", "standby=no");

            List<String> placed = new ArrayList<>(placeAndPay(3));
            Path archive = cluster.dir().resolve("backup/repo1/archive/boxoffice");
            Set<PosixFilePermission> writable = Files.getPosixFilePermissions(archive);
            Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("---------"));
            try {
                placed.addAll(placeAndPay(3));
                switchWal();
                // the archiver fails, the alert's series says so, and WAL waits in pg_wal
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(meters.get("boxoffice.backup.wal.archive.failing")
                                    .gauge()
                                    .value())
                            .isEqualTo(1.0);
                    assertThat(meters.get("boxoffice.backup.wal.archive.lag")
                                    .gauge()
                                    .value())
                            .isPositive();
                });
                placed.addAll(placeAndPay(3));
            } finally {
                Files.setPosixFilePermissions(archive, writable);
            }
            switchWal();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(meters.get("boxoffice.backup.wal.archive.failing")
                                .gauge()
                                .value())
                        .isZero();
                assertThat(meters.get("boxoffice.backup.wal.archive.lag")
                                .gauge()
                                .value())
                        .isZero();
            });
            assertThat(command("bin/pg-backup", "check", "--dir", cluster.dir().toString()))
                    .contains("check ok");

            // nothing was lost: a copy restored to the end of the archive holds every order
            Path copy = cluster.dir().resolve("restored");
            int port = cluster.port() + 901;
            try {
                assertThat(command(
                                "bin/pg-restore",
                                "--latest",
                                "--scratch",
                                "--to",
                                copy.toString(),
                                "--port",
                                String.valueOf(port),
                                "--dir",
                                cluster.dir().toString()))
                        .contains("pg-restore: restored repo=1 target=latest");
                String url = "jdbc:postgresql://127.0.0.1:" + port + "/boxoffice";
                for (String order : placed) {
                    assertThat(count(
                                    url,
                                    "select count(*) from orders where status = 'CONFIRMED' and id = '" + order + "'"))
                            .as("order %s in the restored copy", order)
                            .isEqualTo(1);
                }
                assertThat(count(url, "select count(*) from orders")).isEqualTo(count("select count(*) from orders"));
            } finally {
                command(
                        "bash",
                        "-c",
                        ". bin/lib.sh && as_owner \"$(postgres_bin)/pg_ctl\" -D \"$0\" -m immediate stop",
                        copy.toString());
            }
        } finally {
            cluster.startReplica(1);
        }
    }

    private static List<String> placeAndPay(int orders) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            Api.Response hold = api.post("/api/v1/orders", buyer.token(), Fixtures.order(event, 1));
            assertThat(hold.status()).as(hold.text()).isEqualTo(201);
            String id = hold.json().get("id").asString();
            Api.Response paid = api.post(
                    "/api/v1/orders/" + id + "/pay", buyer.token(), java.util.Map.of("paymentMethod", "test_ok"));
            assertThat(paid.status()).as(paid.text()).isEqualTo(200);
            ids.add(id);
        }
        return ids;
    }

    private static double gauge(MeterRegistry meters, String name, String type) {
        return meters.get(name).tag("type", type).gauge().value();
    }

    private static void switchWal() throws SQLException {
        count("select count(*) from (select pg_switch_wal()) s");
    }

    private static long count(String sql) {
        return count(cluster.primaryUrl(), sql);
    }

    private static long count(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, cluster.username(), null);
                ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a project command to its end; returns its output, failing the test on a non-zero exit. */
    private static String command(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
