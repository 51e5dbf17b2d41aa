package io.boxoffice.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis (Debian's redis-server, installed by bin/require-packages when missing) on a free
 * port, without persistence, that a test can kill hard and start again on the same port.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path REQUIRE = Path.of("bin/require-packages");

    private final int port;
    private Process process;

    private RedisServer(int port) {
        this.port = port;
        this.process = launch();
    }

    public static RedisServer start() {
        install();
        return new RedisServer(freePort());
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again, empty, on the same port. */
    public void restart() {
        process = launch();
    }

    /** The keys matching {@code pattern}, read with SCAN-free KEYS: test data sets are small. */
    public List<String> keys(String pattern) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("*2\r\n$4\r\nKEYS\r\n$" + pattern.length() + "\r\n" + pattern + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = line(in);
            if (!header.startsWith("*")) {
                throw new IllegalStateException("unexpected answer " + header);
            }
            int count = Integer.parseInt(header.substring(1));
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                line(in); // $length
                keys.add(line(in));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private Process launch() {
        try {
            Process started = new ProcessBuilder(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            awaitPing(started);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPing(Process started) {
        await("redis-server answering PING")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("redis-server exited with " + started.exitValue());
                    }
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                        return line(socket.getInputStream()).equals("+PONG");
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    private static void install() {
        try {
            Process install = new ProcessBuilder("bash", REQUIRE.toString(), "redis-server:redis-server")
                    .inheritIO()
                    .start();
            if (install.waitFor() != 0) {
                throw new IllegalStateException("could not install redis-server");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
