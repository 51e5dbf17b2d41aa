import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/on-sale's buyers: every account of ACCOUNTS arrives once (most in a burst around the
 * on-sale, the rest in a tail), joins the event's waiting room, polls as the waiting page does
 * (after each answer's Retry-After), and once admitted holds QUANTITY tickets and pays. A few in
 * a hundred close the page after joining, so the room has abandoned places to skip. Each buyer is
 * a virtual thread; requests go over a pool of keep-alive sockets with a minimal HTTP/1.1 client,
 * so the generator leaves the cores to the servers. Access tokens are minted with the cluster's
 * JWT secret instead of 200,000 sign-ins.
 *
 * <pre>
 *   java bench/OnSale.java mint SECRET ISSUER ACCOUNT_ID
 *   java bench/OnSale.java run key=value...   (host, port, event, type, quantity, accounts, secret,
 *       issuer, opensAt (epoch ms), burst (s), tail (s), abandon (fraction), checkoutMinutes,
 *       deadline (s after the on-sale), connections)
 * </pre>
 *
 * {@code run} prints key=value lines: requests and statuses per kind, 5xx, hold and pay latency
 * percentiles, buyers admitted, sold out, the admission rate achieved, and the Kendall tau between
 * place and admission time for early arrivals, and between arrival time and admission time for later
 * ones (admission times have one-second resolution: equal times are ties, neither concordant nor
 * discordant), and between arrival number and place for early arrivals (a fair draw: near 0).
 */
public class OnSale {

    private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z_]+)\"");
    private static final Pattern QUEUE_TOKEN = Pattern.compile("\"queueToken\":\"([^\"]+)\"");
    private static final Pattern ADMISSION = Pattern.compile("\"admissionToken\":\"([^\"]+)\"");
    private static final Pattern EXPIRES = Pattern.compile("\"admissionExpiresAt\":\"([^\"]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\":(\\d+)");
    private static final Pattern ORDER_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        if (args[0].equals("mint")) {
            System.out.println(Wire.mint(args[1], args[2], args[3], 86_400));
            return;
        }
        Map<String, String> o = new ConcurrentHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            o.put(pair[0], pair[1]);
        }
        new OnSale(o).run();
    }

    /** What one buyer saw: filled by its thread, read after all are done. */
    static final class Buyer {
        final String account;
        final long arrivalOffsetMillis;
        final boolean abandons;
        long joinedAtNanos;
        boolean early;
        int arrival = -1;
        int position = -1;
        long admittedAtSecond = -1;
        String outcome = "NONE";

        Buyer(String account, long arrivalOffsetMillis, boolean abandons) {
            this.account = account;
            this.arrivalOffsetMillis = arrivalOffsetMillis;
            this.abandons = abandons;
        }
    }


    private final Map<String, String> o;
    private final BlockingQueue<Wire.Connection> pool;
    /** The checkout's own connections, as each buyer's browser has its own: a hold never waits behind polls. */
    private final BlockingQueue<Wire.Connection> checkoutPool;
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final List<Long> holdMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> payMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> joinMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> pollMicros = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ioErrors = new AtomicLong();

    OnSale(Map<String, String> o) throws IOException {
        this.o = o;
        int connections = Integer.parseInt(o.getOrDefault("connections", "256"));
        this.pool = connections(connections);
        this.checkoutPool = connections(64);
    }

    private BlockingQueue<Wire.Connection> connections(int count) throws IOException {
        BlockingQueue<Wire.Connection> connections = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            connections.add(new Wire.Connection(o.get("host"), Integer.parseInt(o.get("port"))));
        }
        return connections;
    }

    void run() throws Exception {
        List<String> accounts = Files.readAllLines(Path.of(o.get("accounts"))).stream()
                .filter(line -> !line.isBlank())
                .toList();
        long opensAt = Long.parseLong(o.get("opensAt"));
        double burst = Double.parseDouble(o.getOrDefault("burst", "10"));
        double tail = Double.parseDouble(o.getOrDefault("tail", "50"));
        double abandon = Double.parseDouble(o.getOrDefault("abandon", "0.05"));
        Random random = new Random(42);
        List<Buyer> buyers = new ArrayList<>();
        for (String account : accounts) {
            // 80 % in a burst of `burst` seconds centred on the on-sale, the rest over the tail after it
            double at = random.nextDouble() < 0.8
                    ? (random.nextDouble() - 0.5) * burst
                    : burst / 2 + random.nextDouble() * tail;
            buyers.add(new Buyer(account, (long) (at * 1000), random.nextDouble() < abandon));
        }
        long deadline = opensAt + Long.parseLong(o.getOrDefault("deadline", "600")) * 1000;
        CountDownLatch done = new CountDownLatch(buyers.size());
        for (Buyer buyer : buyers) {
            Thread.ofVirtual().start(() -> {
                try {
                    buy(buyer, opensAt, deadline);
                } catch (Exception e) {
                    buyer.outcome = "ERROR " + e.getClass().getSimpleName();
                    ioErrors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        report(buyers, opensAt);
    }

    private void buy(Buyer buyer, long opensAt, long deadline) throws Exception {
        sleepUntil(opensAt + buyer.arrivalOffsetMillis);
        String bearer = "Bearer " + Wire.mint(o.get("secret"), o.get("issuer"), buyer.account, 3_600);
        String path = "/api/v1/events/" + o.get("event") + "/queue";
        buyer.joinedAtNanos = System.nanoTime();
        Wire.Response answer = send("join", "GET", path, null, "Authorization", bearer);
        buyer.early = answer.status() == 200 && !POSITION.matcher(answer.body()).find();
        String token = null;
        while (System.currentTimeMillis() < deadline) {
            if (answer.status() != 200) {
                Thread.sleep(answer.retryAfter() * 1000); // a shed request says when to come back, as a 429 does
                if (token == null) { // arriving is the join that is answered: time the one that is sent now
                    buyer.joinedAtNanos = System.nanoTime();
                    answer = send("join", "GET", path, null, "Authorization", bearer);
                    buyer.early = answer.status() == 200 && !POSITION.matcher(answer.body()).find();
                } else {
                    answer = send("poll", "GET", path, null, "Authorization", bearer, "Queue-Token", token);
                }
                continue;
            }
            String state = group(STATE, answer.body());
            token = group(QUEUE_TOKEN, answer.body());
            if (buyer.arrival < 0 && token != null) {
                buyer.arrival = arrivalOf(token);
            }
            if (buyer.abandons) {
                buyer.outcome = "ABANDONED";
                return;
            }
            if ("ADMITTED".equals(state)) {
                buyer.position = Integer.parseInt(group(POSITION, answer.body()));
                long expires = Instant.parse(group(EXPIRES, answer.body())).getEpochSecond();
                buyer.admittedAtSecond = expires - 60L * Long.parseLong(o.get("checkoutMinutes"));
                checkout(buyer, bearer, group(ADMISSION, answer.body()));
                return;
            }
            if (!"WAITING".equals(state)) {
                buyer.outcome = state;
                return;
            }
            Thread.sleep(answer.retryAfter() * 1000);
            answer = send("poll", "GET", path, null, "Authorization", bearer, "Queue-Token", token);
        }
        buyer.outcome = "DEADLINE";
    }

    private void checkout(Buyer buyer, String bearer, String admission) throws Exception {
        String order = """
                {"eventId":"%s","items":[{"ticketTypeId":"%s","quantity":%s}]}"""
                .formatted(o.get("event"), o.get("type"), o.get("quantity"));
        Wire.Response held = send("hold", "POST", "/api/v1/orders", order, "Authorization", bearer,
                "Idempotency-Key", UUID.randomUUID().toString(), "Admission-Token", admission);
        if (held.status() != 201) {
            buyer.outcome = "HOLD " + held.status();
            return;
        }
        String id = group(ORDER_ID, held.body());
        Wire.Response paid = send("pay", "POST", "/api/v1/orders/" + id + "/pay", "{\"paymentMethod\":\"test_ok\"}",
                "Authorization", bearer, "Idempotency-Key", UUID.randomUUID().toString());
        buyer.outcome = paid.status() == 200 ? "BOUGHT" : "PAY " + paid.status();
    }

    private Wire.Response send(String kind, String method, String path, String body, String... headers)
            throws Exception {
        BlockingQueue<Wire.Connection> connections = kind.equals("hold") || kind.equals("pay") ? checkoutPool : pool;
        for (int attempt = 0; ; attempt++) {
            Wire.Connection connection = connections.take();
            try {
                // the time on the wire: from the request's first byte to the answer's last, not the wait for a socket
                long start = System.nanoTime();
                Wire.Response response = connection.exchange(method, path, body, headers);
                long micros = (System.nanoTime() - start) / 1_000;
                switch (kind) {
                    case "join" -> joinMicros.add(micros);
                    case "poll" -> pollMicros.add(micros);
                    case "hold" -> holdMicros.add(micros);
                    default -> payMicros.add(micros);
                }
                statuses.computeIfAbsent(kind + " " + response.status(), k -> new LongAdder()).increment();
                connections.add(connection);
                return response;
            } catch (IOException e) {
                connection.reopen();
                connections.add(connection);
                ioErrors.incrementAndGet();
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private void report(List<Buyer> buyers, long opensAt) {
        statuses.forEach((key, count) -> System.out.println("status." + key.replace(' ', '.') + "=" + count.sum()));
        long fiveXx = statuses.entrySet().stream()
                .filter(e -> e.getKey().matches(".* 5\\d\\d"))
                .mapToLong(e -> e.getValue().sum())
                .sum();
        System.out.println("buyers=" + buyers.size());
        System.out.println("5xx=" + fiveXx);
        System.out.println("io_errors=" + ioErrors.get());
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        buyers.forEach(b -> outcomes.merge(b.outcome, 1L, Long::sum));
        outcomes.forEach((outcome, n) -> System.out.println("outcome." + outcome.replace(' ', '_') + "=" + n));
        printPercentiles("join", joinMicros);
        printPercentiles("poll", pollMicros);
        printPercentiles("hold", holdMicros);
        printPercentiles("pay", payMicros);
        List<Buyer> admitted = buyers.stream().filter(b -> b.admittedAtSecond >= 0).toList();
        if (!admitted.isEmpty()) {
            long first = admitted.stream().mapToLong(b -> b.admittedAtSecond).min().orElseThrow();
            long last = admitted.stream().mapToLong(b -> b.admittedAtSecond).max().orElseThrow();
            System.out.println("admitted=" + admitted.size());
            System.out.println("admission_first_s=" + (first - opensAt / 1000));
            System.out.println("admission_span_s=" + (last - first));
            // whole seconds between the first and the last: the last second may be partial
            System.out.printf("admission_rate_per_min=%.1f%n",
                    last > first ? admitted.stream().filter(b -> b.admittedAtSecond < last).count() * 60.0 / (last - first) : 0);
        }
        List<Buyer> early = admitted.stream().filter(b -> b.early).toList();
        List<Buyer> later = admitted.stream().filter(b -> !b.early).toList();
        System.out.printf("tau_early_place_vs_admission=%.6f%n", tau(
                early.stream().mapToLong(b -> b.position).toArray(),
                early.stream().mapToLong(b -> b.admittedAtSecond).toArray()));
        System.out.printf("tau_later_arrival_vs_admission=%.6f%n", tau(
                later.stream().mapToLong(b -> b.joinedAtNanos).toArray(),
                later.stream().mapToLong(b -> b.admittedAtSecond).toArray()));
        List<Buyer> drawn = buyers.stream().filter(b -> b.early && b.position >= 0 && b.arrival >= 0).toList();
        System.out.printf("tau_early_arrival_vs_place=%.6f%n", tau(
                drawn.stream().mapToLong(b -> b.arrival).toArray(),
                drawn.stream().mapToLong(b -> b.position).toArray()));
        System.out.println("early_admitted=" + early.size());
        System.out.println("later_admitted=" + later.size());
    }

    private static void printPercentiles(String name, List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println(name + "_count=" + sorted.length);
        if (sorted.length == 0) {
            return;
        }
        for (double p : new double[] {0.5, 0.99}) {
            System.out.printf("%s_p%d_ms=%.1f%n", name, (int) (p * 100), sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0);
        }
        System.out.printf("%s_max_ms=%.1f%n", name, sorted[sorted.length - 1] / 1000.0);
    }

    /**
     * Kendall's tau-a over the pairs not tied in either list: (concordant - discordant) /
     * (concordant + discordant); O(n log n) by counting inversions in merge sort.
     */
    static double tau(long[] x, long[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> x[a] != x[b] ? Long.compare(x[a], x[b]) : Long.compare(y[a], y[b]));
        long[] ys = new long[n];
        for (int i = 0; i < n; i++) {
            ys[i] = y[order[i]];
        }
        long tiedX = tiedPairs(Arrays.stream(order).mapToLong(i -> x[i]).toArray());
        long tiedY = tiedPairs(ys.clone());
        long tiedBoth = 0;
        for (int i = 0, j; i < n; i = j) {
            j = i;
            while (j < n && x[order[j]] == x[order[i]] && ys[j] == ys[i]) {
                j++;
            }
            tiedBoth += (long) (j - i) * (j - i - 1) / 2;
        }
        long discordant = inversions(ys, new long[n], 0, n);
        long all = (long) n * (n - 1) / 2;
        long concordant = all - discordant - tiedX - tiedY + tiedBoth;
        return concordant + discordant == 0 ? Double.NaN : (double) (concordant - discordant) / (concordant + discordant);
    }

    private static long tiedPairs(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        long pairs = 0;
        for (int i = 0, j; i < sorted.length; i = j) {
            j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            pairs += (long) (j - i) * (j - i - 1) / 2;
        }
        return pairs;
    }

    /** Pairs i < j with a[i] > a[j] (strictly), sorting a[from, to). */
    private static long inversions(long[] a, long[] scratch, int from, int to) {
        if (to - from < 2) {
            return 0;
        }
        int middle = (from + to) >>> 1;
        long count = inversions(a, scratch, from, middle) + inversions(a, scratch, middle, to);
        int i = from, j = middle, k = from;
        while (i < middle && j < to) {
            if (a[j] < a[i]) {
                count += middle - i;
                scratch[k++] = a[j++];
            } else {
                scratch[k++] = a[i++];
            }
        }
        while (i < middle) {
            scratch[k++] = a[i++];
        }
        while (j < to) {
            scratch[k++] = a[j++];
        }
        System.arraycopy(scratch, from, a, from, to - from);
        return count;
    }

    /** The arrival number in a queue token's payload: keyId.base64(q|event|account|arrival|position|issued).mac */
    private static int arrivalOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return Integer.parseInt(payload.split("\\|")[3]);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

}
