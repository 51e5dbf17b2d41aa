package io.boxoffice.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A primary with streaming replicas (and optionally PgBouncer) started by {@code bin/pg-cluster},
 * the same tool developers use, in a directory of its own under {@code target/}.
 */
public final class PgCluster implements AutoCloseable {

    private static PgCluster bouncer;

    private final Path dir;
    private final int port;
    private final int replicas;

    private PgCluster(Path dir, int port, int replicas) {
        this.dir = dir;
        this.port = port;
        this.replicas = replicas;
    }

    /** Starts a new cluster; {@code options} are more {@code bin/pg-cluster up} options. */
    public static PgCluster up(int replicas, String... options) {
        int port = freePortBase(replicas);
        Path dir = Path.of("target", "pg-cluster", UUID.randomUUID().toString()).toAbsolutePath();
        PgCluster cluster = new PgCluster(dir, port, replicas);
        List<String> arguments =
                new ArrayList<>(List.of("up", "--replicas", String.valueOf(replicas), "--port", String.valueOf(port)));
        arguments.addAll(List.of(options));
        cluster.run(arguments.toArray(String[]::new));
        return cluster;
    }

    /** One cluster with PgBouncer in front of its primary, shared by this test JVM, stopped when it exits. */
    public static synchronized PgCluster withPgBouncer() {
        if (bouncer == null) {
            bouncer = up(0, "--pgbouncer");
            Runtime.getRuntime().addShutdownHook(new Thread(bouncer::close));
        }
        return bouncer;
    }

    public String primaryUrl() {
        return url(port);
    }

    public String replicaUrl(int replica) {
        return url(port + replica);
    }

    public List<String> replicaUrls() {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            urls.add(replicaUrl(i));
        }
        return urls;
    }

    /** The database through PgBouncer, with server-side prepared statements off as transaction pooling needs. */
    public String pgBouncerUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + (port + 1000) + "/" + database + "?prepareThreshold=0";
    }

    public String primaryUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The cluster's directory: its nodes' data, and with {@code --backups} the repositories under {@code backup/}. */
    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    public String username() {
        return "boxoffice";
    }

    /** Creates an empty database on the primary and returns its name. */
    public String createDatabase() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(primaryUrl(), username(), "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    public void stopReplica(int replica) {
        run("stop-replica", String.valueOf(replica));
    }

    public void startReplica(int replica) {
        run("start-replica", String.valueOf(replica));
    }

    /** Stops the primary alone (a failed primary host); the replicas go on. */
    public void stopPrimary() {
        run("stop-primary");
    }

    public void startPrimary() {
        run("start-primary");
    }

    /** Stops every node, the primary included, keeping the data; {@link #start()} brings them back. */
    public void stop() {
        run("down");
    }

    /** Starts every node of a stopped cluster again, on the same ports and data. */
    public void start() {
        run("up");
    }

    public void delay(String delay) {
        run("delay", delay);
    }

    @Override
    public void close() {
        run("down");
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/boxoffice";
    }

    private void run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bin/pg-cluster"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--dir", dir.toString()));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A port P with P..P+replicas and P+1000 (PgBouncer) all free on loopback. */
    private static int freePortBase(int replicas) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 29000);
            boolean free = isFree(base + 1000);
            for (int i = 0; i <= replicas && free; i++) {
                free = isFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports for a cluster");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
