package io.boxoffice.platform.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A PostgreSQL server run by Boxoffice itself, its cluster kept in the data directory across restarts. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path clusterDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path clusterDir) {
        this.postgres = postgres;
        this.clusterDir = clusterDir;
    }

    /** Starts the server on the cluster under {@code settings.dataDir()}, creating or recovering it first. */
    public static EmbeddedPostgresServer start(EmbeddedSettings settings) {
        Path clusterDir = settings.dataDir().toAbsolutePath().normalize().resolve("postgres");
        try {
            Files.createDirectories(clusterDir);
            refuseIfInUse(clusterDir);
            LeftoverPostmaster.stop(clusterDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setPort(settings.port())
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("timezone", "UTC");
            if (settings.durable()) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            log.atInfo()
                    .addKeyValue("dataDir", clusterDir)
                    .addKeyValue("port", postgres.getPort())
                    .log("embedded PostgreSQL started on port {} with data in {}", postgres.getPort(), clusterDir);
            return new EmbeddedPostgresServer(postgres, clusterDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + clusterDir, e);
        }
    }

    /** The JDBC URL of the server's {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** The superuser the server was initialised with. */
    public String username() {
        return "postgres";
    }

    /** The directory holding the database cluster. */
    public Path clusterDir() {
        return clusterDir;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
        log.atInfo().addKeyValue("dataDir", clusterDir).log("embedded PostgreSQL stopped ({})", clusterDir);
    }

    /** Fails fast when another live Boxoffice process holds this cluster, instead of stopping its database. */
    private static void refuseIfInUse(Path clusterDir) throws IOException {
        Path lockFile = clusterDir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return; // a new cluster: initdb needs the directory empty
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException(
                        "data directory " + clusterDir + " is in use by another running Boxoffice process");
            }
            lock.release();
        }
    }
}
