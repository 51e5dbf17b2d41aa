import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * The flash sale's set-up and report; the buyers themselves are wrk with bench/flash-sale.lua, a
 * native load generator that leaves the two cores to the server.
 *
 * <pre>
 *   java bench/FlashSale.java setup URL QUOTA ACCOUNTS CONFIG
 *   java bench/FlashSale.java report key=value...
 * </pre>
 *
 * <p>{@code setup} signs up an organizer and ACCOUNTS attendees, publishes an event with one
 * ticket type of QUOTA and writes CONFIG for the Lua script (event, ticket type, "token account"
 * lines) and CONFIG.organizer (the organizer's token, for the report's check).
 *
 * <p>{@code report} reads the script's result files and checks the sale against the event's
 * counters: sold + held must count every 201 acknowledged, and no more than the requests still in
 * flight when the load stopped (one per connection) besides, never more than the quota. Keys: url,
 * config, sale (result file), quota, buyers, results (directory), anchor (naive tickets/s) and anchorClients,
 * serverCpu, databaseCpu (empty when not measured) and generatorCpu (seconds during the sale), and optionally cold (the result of the
 * first seconds of load on a fresh node), coldAge (its age in seconds when the load began),
 * checkout (the result of the hold-then-pay phase), start (the note on how the node started).
 */
public class FlashSale {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("setup")) {
            setup(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Path.of(args[4]));
        } else {
            Map<String, String> options = new HashMap<>();
            for (int i = 1; i < args.length; i++) {
                String[] pair = args[i].split("=", 2);
                options.put(pair[0], pair[1]);
            }
            System.exit(report(options));
        }
    }

    static void setup(String url, int quota, int accounts, Path config) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String organizer = LoadClient.signUp(http, url, "ORGANIZER");
        String venue = LoadClient.id(LoadClient.post(http, url + "/api/v1/venues", organizer, """
                {"name":"Bench Arena","address":"1 Load Street","city":"Benchville","countryCode":"GB",
                 "latitude":51.5,"longitude":-0.12,"capacity":1000000}""", null).body());
        String startsAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS).toString();
        String endsAt = Instant.parse(startsAt).plus(Duration.ofHours(3)).toString();
        String event = LoadClient.id(LoadClient.post(http, url + "/api/v1/events", organizer, """
                {"title":"Flash Sale","description":"benchmark","venueId":"%s","category":"MUSIC",
                 "startsAt":"%s","endsAt":"%s",
                 "ticketTypes":[{"name":"GA","priceCents":5000,"currency":"GBP","quota":%d,"maxPerOrder":10}]}"""
                .formatted(venue, startsAt, endsAt, quota), null).body());
        String published = LoadClient.post(http, url + "/api/v1/events/" + event + "/publish", organizer, "", null).body();
        String ticketType = LoadClient.match(published, "\"ticketTypes\":\\[\\{\"id\":\"([^\"]+)\"");
        StringBuilder lines = new StringBuilder(event + "\n" + ticketType + "\n");
        for (int i = 0; i < accounts; i++) {
            String token = LoadClient.signUp(http, url, "ATTENDEE");
            String me = LoadClient.get(http, url + "/api/v1/me", token);
            lines.append(token).append(' ').append(LoadClient.id(me)).append('\n');
        }
        Files.writeString(config, lines);
        Files.writeString(Path.of(config + ".organizer"), organizer);
    }

    /** What the Lua script counted: answers per second and status, and its summary lines. */
    record Counts(TreeMap<Long, Map<Integer, Long>> perSecond, Map<String, Double> summary) {

        static Counts read(Path file) throws IOException {
            TreeMap<Long, Map<Integer, Long>> perSecond = new TreeMap<>();
            Map<String, Double> summary = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split(" ");
                if (parts.length == 3) {
                    perSecond.computeIfAbsent(Long.parseLong(parts[0]), s -> new TreeMap<>())
                            .merge(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), Long::sum);
                } else {
                    summary.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            return new Counts(perSecond, summary);
        }

        long count(int status) {
            return perSecond.values().stream().mapToLong(m -> m.getOrDefault(status, 0L)).sum();
        }

        Map<Integer, Long> byStatus() {
            Map<Integer, Long> all = new TreeMap<>();
            perSecond.values().forEach(m -> m.forEach((status, n) -> all.merge(status, n, Long::sum)));
            return all;
        }

        long failures() {
            return byStatus().entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum()
                    + summary.getOrDefault("errors", 0.0).longValue();
        }

        /** From the first request to the last 201 (wrk's own duration is always its -d, sold out or not). */
        double seconds() {
            return summary.getOrDefault("sale_us", summary.get("duration_us")) / 1e6;
        }

        /** wrk's own duration: the checkout phase never sells out, so it runs for all of it. */
        double wrkSeconds() {
            return summary.get("duration_us") / 1e6;
        }

        double millis(String percentile) {
            return summary.get("latency_" + percentile + "_us") / 1e3;
        }

        /** 201s per whole second of the run, the first (partial) second left out. */
        List<Long> ratePerSecond() {
            List<Long> rates = new ArrayList<>();
            perSecond.values().forEach(m -> rates.add(m.getOrDefault(201, 0L)));
            return rates;
        }
    }

    static int report(Map<String, String> o) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Path config = Path.of(o.get("config"));
        String event = Files.readAllLines(config).getFirst();
        String organizer = Files.readString(Path.of(config + ".organizer")).strip();
        int quota = Integer.parseInt(o.get("quota"));
        Counts sale = Counts.read(Path.of(o.get("sale")));
        long ok = sale.count(201);
        double ticketsPerSecond = ok / sale.seconds();
        String stats = LoadClient.get(http, o.get("url") + "/api/v1/events/" + event + "/stats", organizer);
        long sold = Long.parseLong(LoadClient.match(stats, "\"sold\":(\\d+)"));
        long held = Long.parseLong(LoadClient.match(stats, "\"held\":(\\d+)"));
        // wrk stops with up to one request in flight per connection: those may be held without an answer read, but
        // never an acknowledged one missing, and never more than the quota
        int connections = Integer.parseInt(o.get("buyers"));
        boolean consistent = sold + held >= ok && sold + held <= ok + connections && sold + held <= quota;
        double anchor = Double.parseDouble(o.getOrDefault("anchor", "0"));
        double serverCpu = Double.parseDouble(o.get("serverCpu"));
        double generatorCpu = Double.parseDouble(o.get("generatorCpu"));
        String databaseCpu = o.getOrDefault("databaseCpu", "").isBlank()
                ? "not measured (no PostgreSQL of this host on that port)"
                : "%.1f s, %.3f ms per ticket".formatted(
                        Double.parseDouble(o.get("databaseCpu")),
                        1000 * Double.parseDouble(o.get("databaseCpu")) / Math.max(1, ok));
        long failures = sale.failures();

        String cold = "not measured";
        Counts coldCounts = null;
        if (o.containsKey("cold")) {
            coldCounts = Counts.read(Path.of(o.get("cold")));
            double coldRate = coldCounts.count(201) / coldCounts.seconds();
            List<Long> rates = coldCounts.ratePerSecond();
            int reached = -1;
            for (int s = 0; s < rates.size(); s++) {
                if (rates.get(s) >= 0.7 * ticketsPerSecond) {
                    reached = s + 1;
                    break;
                }
            }
            cold = "%.0f tickets/s over its first %.0f s of load (%.0f %% of warm), on a node %s s old; %s"
                    .formatted(coldRate, coldCounts.seconds(), 100 * coldRate / ticketsPerSecond, o.getOrDefault("coldAge", "?"),
                            reached > 0 ? "70 % of the warm rate reached in second " + reached : "70 % of the warm rate not reached");
            failures += coldCounts.failures();
        }
        String checkout = "not measured";
        if (o.containsKey("checkout")) {
            Counts paid = Counts.read(Path.of(o.get("checkout")));
            checkout = "%.0f/s (%d paid in %.1f s; p99 of holds and payments %.1f ms)".formatted(
                    paid.summary().get("checkouts") / paid.wrkSeconds(), paid.summary().get("checkouts").longValue(), paid.wrkSeconds(),
                    paid.millis("p99"));
            failures += paid.failures();
        }

        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        Path results = Path.of(o.get("results"));
        Files.createDirectories(results);
        Path chart = results.resolve("flash-sale-" + stamp + ".png");
        chart(coldCounts, sale, ticketsPerSecond, chart);
        String report = """
                # Flash sale — %s

                | | |
                |---|---|
                | how the node started | %s |
                | buyers (concurrent connections, wrk) | %s |
                | quota | %d |
                | tickets acknowledged (201) | %d |
                | sold + held afterwards (≥ acknowledged, ≤ acknowledged + requests in flight at the end) | %d + %d = %d |
                | oversold | %s |
                | Boxoffice tickets/s (warm) | %.0f |
                | anchor: naive hot-row SQL, pgbench, same PostgreSQL, %s clients | %s |
                | **ratio** (Boxoffice ÷ naive) | **%s** |
                | latency of the sale's answers: p50 / p90 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |
                | responses by status | %s |
                | 5xx or transport errors (all phases) | %d |
                | Boxoffice CPU / load generator CPU during the sale | %.1f s / %.1f s (of %.1f s wall on %d cores) |
                | Boxoffice CPU per ticket | %.3f ms |
                | PostgreSQL CPU during the sale | %s |
                | a fresh node under the sale at once | %s |
                | complete checkouts (hold, then pay with the test provider) | %s |

                ![tickets per second](%s)
                """.formatted(
                stamp, o.getOrDefault("start", "from the jar"), o.get("buyers"), quota, ok, sold, held, sold + held,
                consistent ? "no" : "**YES — INCONSISTENT**", ticketsPerSecond,
                o.getOrDefault("anchorClients", o.get("buyers")), anchor > 0 ? "%.0f tickets/s".formatted(anchor) : "not measured",
                anchor > 0 ? "%.1f".formatted(ticketsPerSecond / anchor) : "n/a",
                sale.millis("p50"), sale.millis("p90"), sale.millis("p99"), sale.millis("p100"),
                sale.byStatus(), failures, serverCpu, generatorCpu, sale.wrkSeconds(), Runtime.getRuntime().availableProcessors(),
                1000 * serverCpu / Math.max(1, ok), databaseCpu, cold, checkout, chart.getFileName());
        Path markdown = results.resolve("flash-sale-" + stamp + ".md");
        Files.writeString(markdown, report);
        System.out.println(report);
        System.out.println("written: " + markdown + " and " + chart);
        if (!consistent || failures > 0) {
            System.err.println("FAILED: " + (consistent ? "" : "counters disagree with acknowledged orders; ") + failures + " 5xx/transport errors");
            return 1;
        }
        return 0;
    }

    /** Tickets per second, second by second: the fresh node's first seconds (red) and the warm sale (blue). */
    private static void chart(Counts cold, Counts sale, double warmRate, Path file) throws IOException {
        List<Long> warm = sale.ratePerSecond();
        List<Long> first = cold == null ? List.of() : cold.ratePerSecond();
        int width = 900;
        int height = 420;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int left = 70;
        int right = width - 30;
        int top = 40;
        int bottom = height - 50;
        int seconds = Math.max(1, Math.max(warm.size(), first.size()));
        double max = Math.max(1, Math.max(warm.stream().mapToLong(Long::longValue).max().orElse(1),
                first.stream().mapToLong(Long::longValue).max().orElse(1)));
        g.setColor(Color.BLACK);
        g.drawString("Tickets/s each second: warm sale (blue), fresh node under load at once (red); dashed: 70 % of warm", left, 20);
        g.drawLine(left, bottom, right, bottom);
        g.drawLine(left, top, left, bottom);
        g.drawString("0", left - 20, bottom);
        g.drawString("%.0f".formatted(max), 5, top + 5);
        g.drawString("seconds of load: 0 … " + seconds, (left + right) / 2 - 40, bottom + 30);
        int y70 = bottom - (int) ((bottom - top) * 0.7 * warmRate / max);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        g.drawLine(left, y70, right, y70);
        g.setStroke(new BasicStroke(2f));
        line(g, warm, new Color(31, 119, 180), left, right, top, bottom, seconds, max);
        line(g, first, new Color(214, 39, 40), left, right, top, bottom, seconds, max);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void line(Graphics2D g, List<Long> rates, Color color, int left, int right, int top, int bottom, int seconds, double max) {
        g.setColor(color);
        int[] previous = null;
        for (int s = 0; s < rates.size(); s++) {
            int x = left + (int) ((right - left) * (s + 0.5) / seconds);
            int y = bottom - (int) ((bottom - top) * rates.get(s) / max);
            if (previous != null) {
                g.drawLine(previous[0], previous[1], x, y);
            }
            g.fillOval(x - 3, y - 3, 6, 6);
            previous = new int[] {x, y};
        }
    }
}
