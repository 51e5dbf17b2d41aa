package io.boxoffice.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A whole cluster started by {@code bin/cluster}, the tool developers use: HAProxy over web and
 * worker nodes of the packaged jar, PgBouncer, a primary with replicas, and Redis, in a directory
 * of its own under {@code target/}.
 */
public final class LocalCluster implements AutoCloseable {

    private final Path dir;
    private final int base;
    private final int httpPort;
    private final int httpsPort;

    private LocalCluster(Path dir, int base, int httpPort, int httpsPort) {
        this.dir = dir;
        this.base = base;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /**
     * {@code bin/cluster up} with these options on free ports, the nodes given {@code settings}
     * as environment variables ({@code BOXOFFICE_...}).
     */
    public static LocalCluster up(Path dir, Path jar, Map<String, String> settings, String... options) {
        int base = freePortBase();
        LocalCluster cluster = new LocalCluster(dir.toAbsolutePath(), base, freePort(), freePort());
        List<String> arguments = new ArrayList<>(List.of(
                "up",
                "--port-base",
                String.valueOf(base),
                "--http-port",
                String.valueOf(cluster.httpPort),
                "--https-port",
                String.valueOf(cluster.httpsPort),
                "--jar",
                jar.toAbsolutePath().toString()));
        arguments.addAll(List.of(options));
        cluster.run(settings, arguments.toArray(String[]::new));
        return cluster;
    }

    /** Runs {@code bin/cluster COMMAND ... --dir DIR}; fails with its output if it fails. */
    public String run(String... arguments) {
        return run(Map.of(), arguments);
    }

    private String run(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of("bin/cluster"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--dir", dir.toString()));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The site through HAProxy over plain HTTP. */
    public Api http() {
        return new Api("http://localhost:" + httpPort);
    }

    /** The site through HAProxy's TLS termination, trusting only the cluster's own certificate. */
    public Api https() {
        try (InputStream certificate = new ByteArrayInputStream(Files.readAllBytes(dir.resolve("haproxy/site.crt")))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(
                    "cluster", CertificateFactory.getInstance("X.509").generateCertificate(certificate));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(tls)
                    .build();
            return new Api("https://localhost:" + httpsPort, client);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A web node's management port ({@code web1}...), directly: its metrics and health details,
     * which HAProxy does not forward (bin/cluster's {@code management_port}).
     */
    public Api management(String node) {
        int offset = node.startsWith("web") ? 200 : 300;
        int index = Integer.parseInt(node.replaceAll("[^0-9]", ""));
        return new Api("http://localhost:" + (base + offset + index + 2000));
    }

    /** The primary, directly (not through PgBouncer), for checks behind the API's back. */
    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + base + "/boxoffice";
    }

    /** The process id of a node ({@code web1}, {@code worker1}...), or -1 when it is not running. */
    public long pid(String node) {
        try {
            return Long.parseLong(
                    Files.readString(dir.resolve("nodes/" + node + ".pid")).trim());
        } catch (IOException e) {
            return -1;
        }
    }

    /** HAProxy's statistics row of each web node (and BACKEND), by name, as header → value. */
    public Map<String, Map<String, String>> haproxyStats() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (base + 99) + "/;csv"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String[] lines = response.body().split("\n");
            String[] header = lines[0].replaceFirst("^# ", "").split(",", -1);
            Map<String, Map<String, String>> rows = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] values = lines[i].split(",", -1);
                if (values.length > 1 && values[0].equals("web")) {
                    Map<String, String> row = new HashMap<>();
                    for (int j = 0; j < Math.min(header.length, values.length); j++) {
                        row.put(header[j], values[j]);
                    }
                    rows.put(values[1], row);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        run("down");
    }

    /**
     * A port B with the ports the cluster puts its parts on free (see bin/cluster: nodes at B+2xx
     * and B+3xx, their management ports 2,000 above). B stays below the kernel's ephemeral range
     * (32768 and up here), where an outgoing connection could take one of them meanwhile.
     */
    private static int freePortBase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20, 30) * 1000;
            boolean free = true;
            for (int offset : new int[] {
                0, 1, 2, 98, 99, 100, 201, 202, 203, 250, 301, 302, 1000, 2201, 2202, 2203, 2250, 2301, 2302
            }) {
                free &= isFree(base + offset);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports for a cluster");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
