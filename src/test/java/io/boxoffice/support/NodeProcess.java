package io.boxoffice.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Boxoffice node run as a separate JVM, so a test can kill it hard and start it again. */
public final class NodeProcess {

    private final Process process;
    private final int port;
    private final Api api;
    private final Api management;

    private NodeProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.api = new Api("http://localhost:" + port);
        this.management = new Api("http://localhost:" + managementPort);
    }

    /** Starts a node on a free port with the given {@code --key=value} arguments, logging to {@code log}. */
    public static NodeProcess start(Path log, String... arguments) {
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.boxoffice.Boxoffice");
        command.add("--server.port=" + port);
        List<String> settings = new ArrayList<>(List.of(arguments));
        settings.add("--management.server.port=" + managementPort);
        command.addAll(withTestDefaults(settings.toArray(String[]::new)));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new NodeProcess(process, port, managementPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code arguments}, plus, unless they say otherwise, rate limits switched off (test load comes
     * from one address, and limits are the subject of RateLimitTests and ObservabilityTests, which
     * ask for them), the test payment provider allowed (a test deployment takes no real money) and
     * the management port on any free port.
     */
    static List<String> withTestDefaults(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        if (all.stream().noneMatch(argument -> argument.startsWith("--boxoffice.rate-limit.enabled="))) {
            all.add("--boxoffice.rate-limit.enabled=false");
        }
        if (all.stream().noneMatch(argument -> argument.startsWith("--boxoffice.waiting-room.places-per-address="))) {
            all.add("--boxoffice.waiting-room.places-per-address=0"); // so does the waiting room's bound per address
        }
        if (all.stream().noneMatch(argument -> argument.startsWith("--boxoffice.payments."))) {
            all.add("--boxoffice.payments.test-provider-allowed=true"); // test deployments take no real money
        }
        if (all.stream().noneMatch(argument -> argument.startsWith("--management.server.port="))) {
            all.add("--management.server.port=0");
        }
        return all;
    }

    public Api api() {
        return api;
    }

    /** The node's management port: metrics and health details. */
    public Api management() {
        return management;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** Waits until readiness answers UP; fails if the process dies or {@code timeout} passes first. */
    public NodeProcess awaitReady(Duration timeout) throws InterruptedException {
        await("node ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue());
            }
            return readinessStatus() == 200;
        });
        return this;
    }

    /** The HTTP status of the readiness probe, or -1 when nothing answers. */
    public int readinessStatus() {
        try {
            return api.get("/readyz").status();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** SIGKILL: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops a node. */
    public void terminate() {
        process.destroy();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
