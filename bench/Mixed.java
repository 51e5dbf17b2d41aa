import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The seeds' year-3 traffic, open-loop: requests start at a constant rate on a fixed schedule
 * whatever the server does, each on a virtual thread, and each one's latency runs from the moment
 * the schedule meant it to start (so a stalled server is charged for the requests that queued
 * behind it: no coordinated omission), recorded per endpoint in an HdrHistogram.
 *
 * <p>The mix ({@link Kind}, shares of all requests; docs/benchmarks.md gives the reasons): anonymous
 * browsing (home, event pages and availability over a Zipf law of the events on sale, listings
 * by city and category, full-text and distance searches), sign-ins, a buyer's orders, holds on a
 * few hot events and many cold ones, payments of those holds, check-ins at the door and the
 * organizers' dashboards. Access tokens are minted with the nodes' secret, as in OnSale.
 *
 * <pre>
 *   java -cp HdrHistogram.jar bench/Mixed.java host=H port=P rate=R seconds=S warmup=W data=DIR
 *        secret=SECRET issuer=boxoffice connections=C
 * </pre>
 *
 * DIR holds the samples bench/mixed draws from the data set: events (on sale, most popular first),
 * hot and cold ("event type" lines), buyers ("account number" lines), organizers ("account event")
 * and codes ("organizer code"). Prints one tab-separated line per endpoint (kind, count, 2xx,
 * expected 4xx, other 4xx, 5xx, I/O errors, p50, p95, p99, p99.9, max in microseconds) and the
 * achieved rate; exits 1 when any 5xx, I/O error or unexpected 4xx was seen.
 */
public class Mixed {

    /** What is requested, and its share of the load in hundredths of a percent. */
    enum Kind {
        HOME(1000),
        EVENT(2400),
        AVAILABILITY(2000),
        LISTING(1200),
        SEARCH(800),
        NEAR(200),
        SIGN_IN(100),
        MY_ORDERS(600),
        HOLD(500),
        PAY(400),
        CHECK_IN(300),
        STATS(300),
        MY_EVENTS(200);

        final int share;

        Kind(int share) {
            this.share = share;
        }
    }

    private static final Pattern ORDER_ID = Pattern.compile("^\\{\"id\":\"([0-9a-f-]{36})\"");
    private static final String[] CITIES = {
        "london", "paris", "berlin", "new york", "madrid", "münchen", "zürich", "amsterdam", "toronto", "sydney",
        "tokyo", "são paulo", "chicago", "wien", "praha", "manchester"
    };
    private static final String[] CATEGORIES = {"", "MUSIC", "SPORTS", "THEATRE", "COMEDY", "FESTIVAL", "FAMILY"};
    private static final String[] WORDS = {
        "jazz", "techno", "derby", "comedy", "orchestra", "festival", "quartet", "matinee", "cafe", "senor",
        "puppets", "candlelight", "conference", "screening", "tour", "finals", "velvet", "midnight", "lunar"
    };
    private static final double[][] PLACES = {
        {51.507, -0.128}, {48.857, 2.352}, {52.520, 13.405}, {40.713, -74.006}, {41.385, 2.173}, {35.676, 139.650}
    };

    private final Map<String, String> o;
    private final BlockingQueue<Wire.Connection> pool;
    private final Map<Kind, Histogram> latencies = new EnumMap<>(Kind.class);
    private final Map<Kind, LongAdder[]> outcomes = new EnumMap<>(Kind.class);
    private final Kind[] wheel = new Kind[10_000];
    private final List<String> events;
    private final double[] zipf;
    private final List<String[]> hot;
    private final List<String[]> cold;
    private final List<String[]> buyers;
    private final List<String[]> organizers;
    private final List<String[]> codes;
    private final AtomicLong nextCode = new AtomicLong();
    private final ConcurrentLinkedQueue<String[]> held = new ConcurrentLinkedQueue<>();
    private final String[] buyerTokens;
    private final String[] organizerTokens;
    private final LongAdder inFlight = new LongAdder();
    private final Map<String, LongAdder> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            o.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        System.exit(new Mixed(o).run() ? 0 : 1);
    }

    Mixed(Map<String, String> o) throws Exception {
        this.o = o;
        int at = 0;
        for (Kind kind : Kind.values()) {
            latencies.put(kind, new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3));
            outcomes.put(kind, new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(),
                new LongAdder()});
            Arrays.fill(wheel, at, at + kind.share, kind);
            at += kind.share;
        }
        if (at != wheel.length) {
            throw new IllegalStateException("the shares add up to " + at + ", not 10,000");
        }
        Path data = Path.of(o.get("data"));
        events = Files.readAllLines(data.resolve("events"));
        hot = split(data.resolve("hot"));
        cold = split(data.resolve("cold"));
        buyers = split(data.resolve("buyers"));
        organizers = split(data.resolve("organizers"));
        codes = split(data.resolve("codes"));
        // Zipf (s = 1) over the events on sale, the most popular first
        zipf = new double[events.size()];
        double sum = 0;
        for (int i = 0; i < zipf.length; i++) {
            sum += 1.0 / (i + 1);
            zipf[i] = sum;
        }
        for (int i = 0; i < zipf.length; i++) {
            zipf[i] /= sum;
        }
        buyerTokens = new String[buyers.size()];
        for (int i = 0; i < buyerTokens.length; i++) {
            buyerTokens[i] = "Bearer " + Wire.mint(o.get("secret"), o.get("issuer"), buyers.get(i)[0], 7_200);
        }
        organizerTokens = new String[organizers.size()];
        for (int i = 0; i < organizerTokens.length; i++) {
            organizerTokens[i] = "Bearer " + Wire.mint(o.get("secret"), o.get("issuer"), organizers.get(i)[0], 7_200);
        }
        int connections = Integer.parseInt(o.getOrDefault("connections", "256"));
        pool = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            pool.add(new Wire.Connection(o.get("host"), Integer.parseInt(o.get("port"))));
        }
    }

    private static List<String[]> split(Path file) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                lines.add(line.split(" "));
            }
        }
        return lines;
    }

    boolean run() throws InterruptedException {
        double rate = Double.parseDouble(o.get("rate"));
        long seconds = Long.parseLong(o.get("seconds"));
        long warmup = Long.parseLong(o.getOrDefault("warmup", "10"));
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long recordFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        long maxLag = 0;
        for (long intended = start; intended < end; intended = start + ++sent * interval) {
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                maxLag = Math.max(maxLag, -wait);
            }
            Kind kind = wheel[ThreadLocalRandom.current().nextInt(wheel.length)];
            long scheduled = intended;
            boolean recorded = intended >= recordFrom;
            inFlight.increment();
            Thread.startVirtualThread(() -> {
                try {
                    request(kind, scheduled, recorded);
                } finally {
                    inFlight.decrement();
                }
            });
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (inFlight.sum() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        return report(seconds, TimeUnit.NANOSECONDS.toMillis(maxLag));
    }

    private void request(Kind kind, long scheduled, boolean recorded) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int outcome;
        try {
            Wire.Response answer = send(kind, random);
            outcome = classify(kind, answer.status());
            if (outcome > 0 && recorded) {
                refusals.computeIfAbsent(kind.name().toLowerCase() + " " + answer.status(), k -> new LongAdder())
                        .increment();
            }
        } catch (IOException | InterruptedException e) {
            outcome = 4;
        }
        if (recorded) {
            latencies.get(kind).recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1_000));
            outcomes.get(kind)[outcome].increment();
        }
    }

    /** 0: 2xx, 1: a 4xx the mix expects (sold out, already checked in, hold expired), 2: other 4xx, 3: 5xx. */
    private static int classify(Kind kind, int status) {
        if (status >= 200 && status < 300) {
            return 0;
        }
        if (status >= 500) {
            return 3;
        }
        boolean expected = switch (kind) {
            case HOLD -> status == 409; // sold out, or sales closed
            case CHECK_IN -> status == 409; // a code the run used already
            case PAY -> status == 410 || status == 409; // the hold expired or was paid already
            default -> false;
        };
        return expected ? 1 : 2;
    }

    private Wire.Response send(Kind kind, ThreadLocalRandom random) throws IOException, InterruptedException {
        return switch (kind) {
            case HOME -> exchange("GET", "/", null, "Accept", "text/html");
            case EVENT -> exchange("GET", "/api/v1/events/" + popularEvent(random), null);
            case AVAILABILITY -> exchange("GET", "/api/v1/events/" + popularEvent(random) + "/availability", null);
            case LISTING -> {
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                yield exchange("GET", "/api/v1/events?city=" + encode(CITIES[random.nextInt(CITIES.length)])
                        + (category.isEmpty() ? "" : "&category=" + category) + "&limit=20", null);
            }
            case SEARCH -> {
                // half the searches are popular words (cached), half a long tail (a word and a venue)
                String q = WORDS[random.nextInt(WORDS.length)];
                if (random.nextBoolean()) {
                    q += " " + WORDS[random.nextInt(WORDS.length)] + " " + random.nextInt(1, 50_000);
                }
                yield exchange("GET", "/api/v1/events?q=" + encode(q) + "&limit=20", null);
            }
            case NEAR -> {
                double[] place = PLACES[random.nextInt(PLACES.length)];
                yield exchange("GET", "/api/v1/events?near=%.3f,%.3f&radiusKm=%d&limit=20".formatted(
                        place[0] + random.nextDouble(-0.05, 0.05), place[1] + random.nextDouble(-0.05, 0.05),
                        5 + random.nextInt(4) * 5), null);
            }
            case SIGN_IN -> exchange("POST", "/api/v1/auth/token", """
                    {"email":"buyer-%s@dataset.boxoffice.test","password":"dataset-password"}"""
                    .formatted(buyers.get(random.nextInt(buyers.size()))[1]));
            case MY_ORDERS -> exchange("GET", "/api/v1/me/orders", null, "Authorization",
                    buyerTokens[random.nextInt(buyerTokens.length)]);
            case HOLD -> hold(random);
            case PAY -> {
                String[] order = held.poll();
                if (order == null) {
                    yield hold(random); // nothing held yet: the buyer is still choosing
                }
                yield exchange("POST", "/api/v1/orders/" + order[0] + "/pay", "{\"paymentMethod\":\"test_ok\"}",
                        "Authorization", order[1], "Idempotency-Key", UUID.randomUUID().toString());
            }
            case CHECK_IN -> {
                String[] code = codes.get((int) (nextCode.getAndIncrement() % codes.size()));
                yield exchange("POST", "/api/v1/checkins", "{\"code\":\"" + code[1] + "\"}", "Authorization",
                        organizerToken(code[0]));
            }
            case STATS -> {
                int i = random.nextInt(organizers.size());
                yield exchange("GET", "/api/v1/events/" + organizers.get(i)[1] + "/stats", null, "Authorization",
                        organizerTokens[i]);
            }
            case MY_EVENTS -> exchange("GET", "/api/v1/me/events", null, "Authorization",
                    organizerTokens[random.nextInt(organizerTokens.length)]);
        };
    }

    private final Map<String, String> doorTokens = new java.util.concurrent.ConcurrentHashMap<>();

    private String organizerToken(String organizer) {
        return doorTokens.computeIfAbsent(organizer, id -> {
            try {
                return "Bearer " + Wire.mint(o.get("secret"), o.get("issuer"), id, 7_200);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * A hold of 1 or 2 tickets: half on the few hot events, half on the many cold ones. A held order
     * waits for a payment ({@link Kind#PAY}) by the same buyer.
     */
    private Wire.Response hold(ThreadLocalRandom random) throws IOException, InterruptedException {
        String[] type = random.nextBoolean() ? hot.get(random.nextInt(hot.size())) : cold.get(random.nextInt(cold.size()));
        String bearer = buyerTokens[random.nextInt(buyerTokens.length)];
        Wire.Response answer = exchange("POST", "/api/v1/orders", """
                {"eventId":"%s","items":[{"ticketTypeId":"%s","quantity":%d}]}"""
                .formatted(type[0], type[1], 1 + random.nextInt(2)),
                "Authorization", bearer, "Idempotency-Key", UUID.randomUUID().toString());
        Matcher id = ORDER_ID.matcher(answer.body());
        if (answer.status() == 201 && answer.body().contains("\"PENDING\"") && id.find()) {
            held.add(new String[] {id.group(1), bearer});
        }
        return answer;
    }

    private String popularEvent(ThreadLocalRandom random) {
        int i = Arrays.binarySearch(zipf, random.nextDouble());
        return events.get(Math.min(i < 0 ? -i - 1 : i, events.size() - 1));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Wire.Response exchange(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        Wire.Connection connection = pool.take();
        try {
            return connection.exchange(method, path, body, headers);
        } catch (IOException e) {
            connection.reopen();
            throw e;
        } finally {
            pool.add(connection);
        }
    }

    private boolean report(long seconds, long maxLagMillis) {
        long total = 0;
        long bad = 0;
        System.out.println("kind\tcount\tok\texpected4xx\tother4xx\t5xx\tio\tp50\tp95\tp99\tp999\tmax");
        for (Kind kind : Kind.values()) {
            Histogram h = latencies.get(kind);
            LongAdder[] c = outcomes.get(kind);
            long count = h.getTotalCount();
            total += count;
            bad += c[2].sum() + c[3].sum() + c[4].sum();
            System.out.printf("%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d%n", kind.name().toLowerCase(), count,
                    c[0].sum(), c[1].sum(), c[2].sum(), c[3].sum(), c[4].sum(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9),
                    h.getMaxValue());
        }
        System.out.printf("achieved\t%.1f%n", total / (double) seconds);
        System.out.printf("schedule-lag-ms\t%d%n", maxLagMillis);
        System.out.printf("unfinished\t%d%n", inFlight.sum());
        refusals.forEach((what, count) -> System.out.printf("refused\t%s\t%d%n", what, count.sum()));
        System.out.printf("generator-cpu-seconds\t%.2f%n",
                ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                                .getProcessCpuTime()
                        / 1e9);
        return bad == 0 && inFlight.sum() == 0;
    }
}
