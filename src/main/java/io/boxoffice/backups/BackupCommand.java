package io.boxoffice.backups;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the backup command of the database hosts as a child process: never inside a database
 * transaction, bounded by a time-out, its output kept (the last lines say what happened).
 */
final class BackupCommand {

    /** How one run ended: the exit code (-1 on time-out or failure to start) and the output's tail. */
    record Result(int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static final int KEPT_OUTPUT = 4000;

    private final List<String> command;
    private final Duration timeout;

    BackupCommand(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    Result run(BackupKind kind) {
        List<String> arguments = new ArrayList<>(command);
        arguments.add(1, kind.command());
        Process process;
        try {
            process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, "could not start " + command.getFirst() + ": " + e.getMessage());
        }
        try (InputStream out = process.getInputStream()) {
            Thread.Builder reader = Thread.ofVirtual().name("backup-output");
            StringBuffer output = new StringBuffer();
            Thread drain = reader.start(() -> {
                try {
                    output.append(new String(out.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append("(output lost: ").append(e.getMessage()).append(')');
                }
            });
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                drain.join(Duration.ofSeconds(5));
                return new Result(-1, "timed out after " + timeout + "\n" + tail(output));
            }
            drain.join(Duration.ofSeconds(5));
            return new Result(process.exitValue(), tail(output));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    private static String tail(StringBuffer output) {
        String text = output.toString().strip();
        return text.length() <= KEPT_OUTPUT ? text : text.substring(text.length() - KEPT_OUTPUT);
    }
}
