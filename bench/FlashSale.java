import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

/**
 * The flash-sale load generator: N buyers on virtual threads POST one-ticket orders (each with a
 * unique Idempotency-Key) at one event until it sells out or time is up, then the result is
 * checked against the event's counters and written as markdown and a PNG chart.
 *
 * <p>Usage: java FlashSale.java URL QUOTA BUYERS SECONDS RESULTS_DIR ANCHOR_TPS ANCHOR_NOTE SERVER_PID WARMUP_SECONDS
 *
 * <p>A warm-up sale on an event of its own runs first for WARMUP_SECONDS, unmeasured, so the
 * measured sale sees compiled code (the JIT takes a core for its first seconds on this machine).
 */
public class FlashSale {

    record Sample(long startNanos, long latencyNanos, int status) {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int quota = Integer.parseInt(args[1]);
        int buyers = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Path results = Path.of(args[4]);
        double anchorTps = Double.parseDouble(args[5]);
        String anchorNote = args[6];
        long serverPid = Long.parseLong(args[7]);
        int warmup = args.length > 8 ? Integer.parseInt(args[8]) : 0;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        if (warmup > 0) {
            System.out.println("warming up for " + warmup + " s");
            sale(http, url, 1_000_000, buyers, warmup, serverPid);
        }
        Result result = sale(http, url, quota, buyers, seconds, serverPid);
        report(http, url, quota, buyers, results, anchorTps, anchorNote, result);
    }

    record Result(String event, String organizer, List<Sample> samples, long elapsed, long clientCpu, long serverCpu) {}

    static Result sale(HttpClient http, String url, int quota, int buyers, int seconds, long serverPid) throws Exception {
        String organizer = LoadClient.signUp(http, url, "ORGANIZER");
        String venue = LoadClient.id(LoadClient.post(http, url + "/api/v1/venues", organizer, """
                {"name":"Bench Arena","address":"1 Load Street","city":"Benchville","countryCode":"GB",
                 "latitude":51.5,"longitude":-0.12,"capacity":1000000}""", null).body());
        String startsAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.HOURS).toString();
        String endsAt = Instant.parse(startsAt).plus(Duration.ofHours(3)).toString();
        String event = LoadClient.id(LoadClient.post(http, url + "/api/v1/events", organizer, """
                {"title":"Flash Sale","description":"benchmark","venueId":"%s","category":"MUSIC",
                 "startsAt":"%s","endsAt":"%s",
                 "ticketTypes":[{"name":"GA","priceCents":5000,"currency":"GBP","quota":%d,"maxPerOrder":10}]}"""
                .formatted(venue, startsAt, endsAt, quota), null).body());
        String published = LoadClient.post(http, url + "/api/v1/events/" + event + "/publish", organizer, "", null).body();
        String ticketType = LoadClient.match(published, "\"ticketTypes\":\\[\\{\"id\":\"([^\"]+)\"");

        int accounts = Math.min(buyers, 64);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            tokens.add(LoadClient.signUp(http, url, "ATTENDEE"));
        }
        String order = """
                {"eventId":"%s","items":[{"ticketTypeId":"%s","quantity":1}]}""".formatted(event, ticketType);

        List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean soldOut = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        long began;
        long deadline;
        var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long clientCpuBefore = cpu.getProcessCpuTime();
        long serverCpuBefore = serverCpu(serverPid);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            began = System.nanoTime();
            deadline = began + Duration.ofSeconds(seconds).toNanos();
            for (int b = 0; b < buyers; b++) {
                String token = tokens.get(b % tokens.size());
                executor.submit(() -> {
                    start.await();
                    while (!soldOut.get() && System.nanoTime() < deadline) {
                        long sent = System.nanoTime();
                        int status;
                        String body;
                        try {
                            HttpResponse<String> response =
                                    LoadClient.post(http, url + "/api/v1/orders", token, order, UUID.randomUUID().toString());
                            status = response.statusCode();
                            body = response.body();
                        } catch (IOException e) {
                            status = -1;
                            body = "";
                        }
                        samples.add(new Sample(sent - began, System.nanoTime() - sent, status));
                        if (status == 409 && body.contains("/sold-out")) {
                            soldOut.set(true);
                        }
                    }
                    return null;
                });
            }
            start.countDown();
        }
        long elapsed = System.nanoTime() - began;
        long clientCpu = cpu.getProcessCpuTime() - clientCpuBefore;
        long serverCpuUsed = serverCpu(serverPid) - serverCpuBefore;
        return new Result(event, organizer, new ArrayList<>(samples), elapsed, clientCpu, serverCpuUsed);
    }

    static void report(HttpClient http, String url, int quota, int buyers, Path results, double anchorTps, String anchorNote, Result result)
            throws Exception {
        String event = result.event();
        String organizer = result.organizer();
        List<Sample> all = result.samples();
        long elapsed = result.elapsed();
        long clientCpu = result.clientCpu();
        long serverCpuUsed = result.serverCpu();
        long ok = all.stream().filter(s -> s.status() == 201).count();
        long lastOk = all.stream().filter(s -> s.status() == 201).mapToLong(s -> s.startNanos() + s.latencyNanos()).max().orElse(elapsed);
        double seconds201 = lastOk / 1e9;
        double ticketsPerSecond = ok / seconds201;
        long[] latencies = all.stream().filter(s -> s.status() == 201).mapToLong(Sample::latencyNanos).sorted().toArray();
        Map<Integer, Long> byStatus = new TreeMap<>();
        all.forEach(s -> byStatus.merge(s.status(), 1L, Long::sum));
        long fiveHundreds = byStatus.entrySet().stream().filter(e -> e.getKey() >= 500 || e.getKey() < 0).mapToLong(Map.Entry::getValue).sum();

        String stats = LoadClient.get(http, url + "/api/v1/events/" + event + "/stats", organizer);
        long sold = Long.parseLong(LoadClient.match(stats, "\"sold\":(\\d+)"));
        long held = Long.parseLong(LoadClient.match(stats, "\"held\":(\\d+)"));
        boolean consistent = sold + held == ok && ok <= quota;

        double ratio = anchorTps > 0 ? ticketsPerSecond / anchorTps : Double.NaN;
        // one format for every benchmark's results: bin/lib.sh's result_file
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        Files.createDirectories(results);
        Path chart = results.resolve("flash-sale-" + stamp + ".png");
        chart(all, chart);
        String report = """
                # Flash sale — %s

                | | |
                |---|---|
                | buyers (concurrent) | %d |
                | quota | %d |
                | tickets acknowledged (201) | %d |
                | sold + held afterwards | %d + %d = %d |
                | oversold | %s |
                | Boxoffice tickets/s | %.0f |
                | anchor: naive hot-row SQL, pgbench, same PostgreSQL, %d clients | %s |
                | **ratio** (Boxoffice ÷ naive) | **%s** |
                | latency of 201s: p50 / p99 / max | %.1f / %.1f / %.1f ms |
                | responses by status | %s |
                | 5xx or transport errors | %d |
                | load generator CPU / Boxoffice CPU during the sale | %.1f s / %.1f s (of %.1f s wall on %d cores) |

                ![throughput and p99](%s)
                """.formatted(
                stamp, buyers, quota, ok, sold, held, sold + held, consistent ? "no" : "**YES — INCONSISTENT**",
                ticketsPerSecond, buyers, anchorNote, Double.isNaN(ratio) ? "n/a" : "%.1f".formatted(ratio),
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0),
                byStatus, fiveHundreds, clientCpu / 1e9, serverCpuUsed / 1e9, elapsed / 1e9,
                Runtime.getRuntime().availableProcessors(), chart.getFileName());
        Path markdown = results.resolve("flash-sale-" + stamp + ".md");
        Files.writeString(markdown, report);
        System.out.println(report);
        System.out.println("written: " + markdown + " and " + chart);
        if (!consistent || fiveHundreds > 0) {
            System.err.println("FAILED: " + (consistent ? "" : "counters disagree with acknowledged orders; ") + fiveHundreds + " 5xx/transport errors");
            System.exit(1);
        }
    }

    private static long serverCpu(long pid) {
        try {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
            long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
            return ticks * 10_000_000L; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static void chart(List<Sample> samples, Path file) throws IOException {
        Map<Long, List<Long>> perSecond = new TreeMap<>();
        for (Sample s : samples) {
            if (s.status() == 201) {
                perSecond.computeIfAbsent((s.startNanos() + s.latencyNanos()) / 1_000_000_000L, k -> new ArrayList<>()).add(s.latencyNanos());
            }
        }
        int width = 900;
        int height = 420;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int left = 70;
        int right = width - 70;
        int top = 40;
        int bottom = height - 50;
        long maxSecond = perSecond.isEmpty() ? 1 : Math.max(1, ((TreeMap<Long, List<Long>>) perSecond).lastKey() + 1);
        double maxRate = perSecond.values().stream().mapToInt(List::size).max().orElse(1);
        double maxP99 = perSecond.values().stream().mapToDouble(l -> p99(l)).max().orElse(1);
        g.setColor(Color.BLACK);
        g.drawString("Flash sale: tickets/s (blue, left axis) and p99 latency in ms (red, right axis) per second", left, 20);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.drawLine(right, top, right, bottom);
        g.drawString("0", left - 20, bottom);
        g.drawString("%.0f".formatted(maxRate), 5, top + 5);
        g.drawString("%.1f ms".formatted(maxP99), right + 5, top + 5);
        g.drawString("seconds: 0 … " + maxSecond, (left + right) / 2 - 40, bottom + 30);
        g.setStroke(new BasicStroke(2f));
        int[] previousRate = null;
        int[] previousP99 = null;
        for (var entry : perSecond.entrySet()) {
            int x = left + (int) ((right - left) * (entry.getKey() + 0.5) / maxSecond);
            int yRate = bottom - (int) ((bottom - top) * entry.getValue().size() / maxRate);
            int yP99 = bottom - (int) ((bottom - top) * p99(entry.getValue()) / maxP99);
            g.setColor(new Color(31, 119, 180));
            if (previousRate != null) {
                g.drawLine(previousRate[0], previousRate[1], x, yRate);
            }
            g.fillOval(x - 3, yRate - 3, 6, 6);
            g.setColor(new Color(214, 39, 40));
            if (previousP99 != null) {
                g.drawLine(previousP99[0], previousP99[1], x, yP99);
            }
            g.fillOval(x - 3, yP99 - 3, 6, 6);
            previousRate = new int[] {x, yRate};
            previousP99 = new int[] {x, yP99};
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static double p99(List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return percentile(sorted, 0.99);
    }
}
