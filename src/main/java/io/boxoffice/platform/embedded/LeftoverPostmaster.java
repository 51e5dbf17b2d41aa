package io.boxoffice.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a hard-killed Boxoffice leaves behind: a postmaster still running on the cluster
 * (its JVM died without stopping it) or a {@code postmaster.pid} naming a process that is gone.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private LeftoverPostmaster() {}

    static void stop(Path clusterDir) throws IOException {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster =
                pidOf(pidFile).flatMap(ProcessHandle::of).filter(LeftoverPostmaster::isPostgres);
        if (postmaster.isPresent()) {
            ProcessHandle process = postmaster.get();
            log.atWarn()
                    .addKeyValue("pid", process.pid())
                    .log("stopping PostgreSQL (pid {}) left running by an earlier process", process.pid());
            process.destroy();
            if (!waitForExit(process)) {
                process.destroyForcibly();
                waitForExit(process);
            }
        }
        // The server is gone; PostgreSQL would refuse to start if the pid was since reused by another process.
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> pidOf(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info()
                .command()
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
    }

    private static boolean waitForExit(ProcessHandle process) {
        try {
            process.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return !process.isAlive();
        }
    }
}
