package io.boxoffice.platform.database;

import static org.awaitility.Awaitility.await;

import io.boxoffice.Boxoffice;
import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import io.boxoffice.support.PgCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A Boxoffice node on the primary and two replicas of a {@link PgCluster} of its own. */
final class ReplicaNode implements AutoCloseable {

    private final PgCluster cluster;
    private final ConfigurableApplicationContext context;
    private String organizer;
    private String venueId;

    /** Starts a cluster with two replicas ({@code clusterOptions} as for {@code bin/pg-cluster up}) and a node on it. */
    static ReplicaNode onNewCluster(String... clusterOptions) {
        return onNewCluster(true, clusterOptions);
    }

    /** As {@link #onNewCluster(String...)}, with the caches on or off (off: every read reaches the database). */
    static ReplicaNode onNewCluster(boolean caches, String... clusterOptions) {
        PgCluster cluster = PgCluster.up(2, clusterOptions);
        try {
            return new ReplicaNode(cluster, caches);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private ReplicaNode(PgCluster cluster, boolean caches) {
        this.cluster = cluster;
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + cluster.primaryUrl(),
                "--spring.datasource.username=" + cluster.username(),
                "--boxoffice.datasource.replica-urls=" + String.join(",", cluster.replicaUrls()),
                "--boxoffice.demo-data=false",
                "--boxoffice.admin.email=" + ApiTest.ADMIN_EMAIL,
                "--boxoffice.admin.password=" + ApiTest.ADMIN_PASSWORD,
                "--boxoffice.cache.enabled=" + caches,
                // the load these tests make comes from one address: limits are RateLimitTests' subject
                "--boxoffice.rate-limit.enabled=false",
                "--boxoffice.payments.test-provider-allowed=true"));
        context = new SpringApplicationBuilder(Boxoffice.class).run(arguments.toArray(String[]::new));
    }

    /** An organizer's token on this node, signed up on first use. */
    synchronized String organizer() {
        if (organizer == null) {
            organizer = api().signUp("ORGANIZER").token();
            venueId = api().post("/api/v1/venues", organizer, Fixtures.venue("Replica City"))
                    .json()
                    .get("id")
                    .asString();
        }
        return organizer;
    }

    /** A new published event of {@link #organizer()}'s, at their venue; returns its id. */
    String newEvent() {
        String token = organizer();
        return api().publishedEvent(token, venueId, List.of(Fixtures.ticketType("General", 1000)))
                .get("id")
                .asString();
    }

    /** Waits until an untokened read of the event answers 200: the replicas have replayed its creation. */
    void awaitOnReplicas(String eventId) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api().get("/api/v1/events/" + eventId).status() == 200);
    }

    /** Waits until both replicas have replayed the primary's WAL up to the Consistency-Token {@code token}. */
    void awaitReplayed(String token) {
        Lsn wanted = ConsistencyToken.parse(token).position();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.replicaUrls().stream()
                        .allMatch(url -> replayed(url).atLeast(wanted)));
    }

    private Lsn replayed(String replicaUrl) {
        try (Connection connection = DriverManager.getConnection(replicaUrl, cluster.username(), null);
                ResultSet row = connection.createStatement().executeQuery("select pg_last_wal_replay_lsn()::text")) {
            row.next();
            return Lsn.parse(row.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many read-backs were made, and how many of them missed the title just written. */
    record ReadBacks(int checked, int stale) {}

    /**
     * {@code clients} clients each rename an event of their own {@code rounds} times; after each
     * rename, {@code reads} makes the reads that must see it (given the event's path and the
     * rename's response), and every read whose title is not the new one counts as stale.
     */
    ReadBacks renameAndReadBack(int clients, int rounds, BiFunction<String, Api.Response, List<Api.Response>> reads)
            throws Exception {
        AtomicInteger stale = new AtomicInteger();
        AtomicInteger checked = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String path = "/api/v1/events/" + newEvent();
                work.add(pool.submit(() -> {
                    for (int i = 0; i < rounds; i++) {
                        String title = "Title " + path + " #" + i;
                        Api.Response written = api().patch(path, organizer(), Map.of("title", title));
                        if (written.status() != 200) {
                            throw new IllegalStateException("rename failed: " + written.status());
                        }
                        for (Api.Response read : reads.apply(path, written)) {
                            if (read.status() != 200
                                    || !read.json().get("title").asString().equals(title)) {
                                stale.incrementAndGet();
                            }
                            checked.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        }
        return new ReadBacks(checked.get(), stale.get());
    }

    PgCluster cluster() {
        return cluster;
    }

    Api api() {
        return new Api("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    /** The node's management port: metrics and health details. */
    Api management() {
        return new Api("http://localhost:" + context.getEnvironment().getProperty("local.management.port"));
    }

    double reads(String target) {
        return context.getBean(MeterRegistry.class)
                .get("boxoffice.db.reads")
                .tag("target", target)
                .counter()
                .count();
    }

    /** Connections handed out by one pool (the health poll takes one a second). */
    long acquired(String pool) {
        return context.getBean(MeterRegistry.class)
                .get("hikaricp.connections.acquire")
                .tag("pool", pool)
                .timer()
                .count();
    }

    double lagSeconds(String replica) {
        return context.getBean(MeterRegistry.class)
                .get("boxoffice.db.replica.lag")
                .tag("replica", replica)
                .gauge()
                .value();
    }

    boolean available(String replica) {
        return context.getBean(MeterRegistry.class)
                        .get("boxoffice.db.replica.available")
                        .tag("replica", replica)
                        .gauge()
                        .value()
                == 1;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            cluster.close();
        }
    }
}
