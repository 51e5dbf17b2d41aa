import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buyers of bin/dr-drill and bin/ha-drill: sets up ORGANIZERS organizers with one published
 * event each (quotas from QUOTAS, comma-separated, the last repeated; default a million), then
 * BUYERS buyers place one-ticket orders and pay them, round robin over the organizers, until the
 * file DIR/stop exists; READERS more read the events meanwhile. Every answer the API acknowledged
 * is appended, as it arrives, to DIR/acknowledged: {@code hold <epoch ms> <order id> <organizer#> <buyer#>}
 * for a 201 and {@code paid <epoch ms> <order id> <organizer#> <buyer#>} for a 200 to the payment.
 * A request that fails (the database is gone, a failover) is written to DIR/failures as
 * {@code failed <epoch ms> hold|pay|read <status or io>} and sent again after a short pause with
 * the same Idempotency-Key, as a client should: the order it made, if it made one, or a new one,
 * never two (after two minutes of failures it gives up and starts a new order). A 409 to a hold
 * (sold out) ends that order. The organizers whose events take orders are read every half second
 * from DIR/selling (their numbers, space-separated).
 *
 * <p>Writes DIR/setup.env first: ORGANIZER_<i>_EVENT, ORGANIZER_<i>_TYPE and BUYER_TOKEN (buyer 0's
 * access token).
 *
 * <p>Usage: java DrillOrders.java URL DIR BUYERS ORGANIZERS [QUOTAS] [READERS]
 */
public class DrillOrders {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path dir = Path.of(args[1]);
        int buyers = Integer.parseInt(args[2]);
        int organizers = Integer.parseInt(args[3]);
        String[] quotas = (args.length > 4 ? args[4] : "1000000").split(",");
        int readers = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();

        List<String> orderBodies = new ArrayList<>();
        List<String> events = new ArrayList<>();
        StringBuilder setup = new StringBuilder();
        for (int i = 0; i < organizers; i++) {
            String organizer = LoadClient.signUp(http, url, "ORGANIZER");
            String venue = LoadClient.id(LoadClient.post(http, url + "/api/v1/venues", organizer, """
                    {"name":"Drill Hall %d","address":"%d Recovery Road","city":"Drilltown","countryCode":"GB",
                     "latitude":51.5,"longitude":-0.12,"capacity":1000000}""".formatted(i, i + 1), null).body());
            String startsAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS).toString();
            String endsAt = Instant.parse(startsAt).plus(Duration.ofHours(3)).toString();
            String event = LoadClient.id(LoadClient.post(http, url + "/api/v1/events", organizer, """
                    {"title":"Drill %d","description":"disaster-recovery drill","venueId":"%s","category":"MUSIC",
                     "startsAt":"%s","endsAt":"%s",
                     "ticketTypes":[{"name":"GA","priceCents":2500,"currency":"GBP","quota":%s,"maxPerOrder":10}]}"""
                    .formatted(i, venue, startsAt, endsAt, quotas[Math.min(i, quotas.length - 1)].strip()), null).body());
            String published = LoadClient.post(http, url + "/api/v1/events/" + event + "/publish", organizer, "", null).body();
            String ticketType = LoadClient.match(published, "\"ticketTypes\":\\[\\{\"id\":\"([^\"]+)\"");
            orderBodies.add("""
                    {"eventId":"%s","items":[{"ticketTypeId":"%s","quantity":1}]}""".formatted(event, ticketType));
            setup.append("ORGANIZER_%d_EVENT=%s%n".formatted(i, event));
            setup.append("ORGANIZER_%d_TYPE=%s%n".formatted(i, ticketType));
            events.add(event);
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < Math.min(buyers, 16); i++) {
            tokens.add(LoadClient.signUp(http, url, "ATTENDEE"));
        }
        setup.append("BUYER_TOKEN=%s%n".formatted(tokens.getFirst()));
        Files.writeString(dir.resolve("setup.env"), setup);

        Path stop = dir.resolve("stop");
        Path sellingFile = dir.resolve("selling");
        Set<Integer> selling = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < organizers; i++) {
            selling.add(i);
        }
        AtomicLong failureCount = new AtomicLong();
        AtomicLong next = new AtomicLong();
        try (PrintWriter acknowledged = new PrintWriter(Files.newBufferedWriter(dir.resolve("acknowledged")), true);
                PrintWriter failed = new PrintWriter(Files.newBufferedWriter(dir.resolve("failures")), true);
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Failures failures = new Failures(failed, failureCount);
            for (int r = 0; r < readers; r++) {
                int reader = r;
                executor.submit(() -> {
                    for (long n = reader; !Files.exists(stop); n++) {
                        String event = events.get((int) (n % events.size()));
                        int status;
                        try {
                            status = http.send(
                                            HttpRequest.newBuilder(URI.create(url + "/api/v1/events/" + event))
                                                    .timeout(TIMEOUT)
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                        } catch (IOException e) {
                            status = -1;
                        }
                        if (status != 200) {
                            failures.add("read", status);
                        }
                        Thread.sleep(20);
                    }
                    return null;
                });
            }
            executor.submit(() -> {
                while (!Files.exists(stop)) {
                    if (Files.exists(sellingFile)) {
                        Set<Integer> now = new java.util.HashSet<>();
                        for (String n : Files.readString(sellingFile).trim().split("\\s+")) {
                            if (!n.isEmpty()) {
                                now.add(Integer.parseInt(n));
                            }
                        }
                        selling.retainAll(now);
                        selling.addAll(now);
                    }
                    Thread.sleep(500);
                }
                return null;
            });
            for (int b = 0; b < buyers; b++) {
                int buyer = b % tokens.size();
                String token = tokens.get(buyer);
                executor.submit(() -> {
                    while (!Files.exists(stop)) {
                        int organizer = (int) (next.getAndIncrement() % organizers);
                        if (!selling.contains(organizer)) {
                            continue;
                        }
                        HttpResponse<String> hold = untilAnswered(
                                http, url + "/api/v1/orders", token, orderBodies.get(organizer), "hold", failures);
                        if (hold == null || hold.statusCode() != 201) {
                            continue; // sold out, refused, or given up
                        }
                        String order = LoadClient.id(hold.body());
                        record(acknowledged, "hold", order, organizer, buyer);
                        HttpResponse<String> paid = untilAnswered(http, url + "/api/v1/orders/" + order + "/pay",
                                token, "{\"paymentMethod\":\"test_ok\"}", "pay", failures);
                        if (paid != null && paid.statusCode() == 200) {
                            record(acknowledged, "paid", order, organizer, buyer);
                        }
                    }
                    return null;
                });
            }
        }
        System.out.println("drill-orders: failed requests " + failureCount.get());
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long GIVE_UP_MILLIS = 120_000;

    /** Where failed requests are written down and counted. */
    private record Failures(PrintWriter file, AtomicLong count) {
        void add(String what, int status) throws InterruptedException {
            count.incrementAndGet();
            synchronized (file) {
                file.println("failed " + System.currentTimeMillis() + " " + what + " " + (status < 0 ? "io" : status));
            }
            Thread.sleep(100);
        }
    }

    /**
     * Sends a write with one Idempotency-Key until it is answered with a 2xx or a 4xx other than 408
     * and 429 (that is the answer; only a 409 is not a failure), writing down each failure; null once
     * it has failed for two minutes.
     */
    private static HttpResponse<String> untilAnswered(
            HttpClient http, String url, String token, String body, String what, Failures failures)
            throws InterruptedException {
        String key = UUID.randomUUID().toString();
        long giveUpAt = System.currentTimeMillis() + GIVE_UP_MILLIS;
        while (System.currentTimeMillis() < giveUpAt) {
            int status;
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(TIMEOUT)
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status / 100 == 2 || status == 409) {
                    return response;
                }
                if (status / 100 == 4 && status != 408 && status != 429) {
                    failures.add(what, status); // refused: sending it again changes nothing
                    return response;
                }
            } catch (IOException e) {
                status = -1;
            }
            failures.add(what, status);
        }
        return null;
    }

    private static void record(PrintWriter acknowledged, String what, String order, int organizer, int buyer) {
        synchronized (acknowledged) {
            acknowledged.println(what + " " + System.currentTimeMillis() + " " + order + " " + organizer + " " + buyer);
        }
    }

}
