import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
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
 * The buyers of bin/dr-drill: sets up ORGANIZERS organizers with one published event each, then
 * BUYERS buyers place one-ticket orders (each with its own Idempotency-Key) and pay them, round
 * robin over the organizers, until the file DIR/stop exists. Every answer the API acknowledged is
 * appended, as it arrives, to DIR/acknowledged: {@code hold <epoch ms> <order id> <organizer#> <buyer#>}
 * for a 201 and {@code paid <epoch ms> <order id> <organizer#> <buyer#>} for a 200 to the payment. Failed
 * requests (the database is gone) are counted and retried with a new key after a short pause.
 * The organizers whose events take orders are read every half second from DIR/selling (their
 * numbers, space-separated).
 *
 * <p>Writes DIR/setup.env first: ORGANIZER_<i>_EVENT and BUYER_TOKEN (buyer 0's access token).
 *
 * <p>Usage: java DrillOrders.java URL DIR BUYERS ORGANIZERS
 */
public class DrillOrders {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path dir = Path.of(args[1]);
        int buyers = Integer.parseInt(args[2]);
        int organizers = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();

        List<String> orderBodies = new ArrayList<>();
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
                     "ticketTypes":[{"name":"GA","priceCents":2500,"currency":"GBP","quota":1000000,"maxPerOrder":10}]}"""
                    .formatted(i, venue, startsAt, endsAt), null).body());
            String published = LoadClient.post(http, url + "/api/v1/events/" + event + "/publish", organizer, "", null).body();
            String ticketType = LoadClient.match(published, "\"ticketTypes\":\\[\\{\"id\":\"([^\"]+)\"");
            orderBodies.add("""
                    {"eventId":"%s","items":[{"ticketTypeId":"%s","quantity":1}]}""".formatted(event, ticketType));
            setup.append("ORGANIZER_%d_EVENT=%s%n".formatted(i, event));
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
        AtomicLong failures = new AtomicLong();
        AtomicLong next = new AtomicLong();
        try (PrintWriter acknowledged = new PrintWriter(Files.newBufferedWriter(dir.resolve("acknowledged")), true);
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
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
                        try {
                            HttpResponse<String> hold = LoadClient.post(
                                    http, url + "/api/v1/orders", token, orderBodies.get(organizer), UUID.randomUUID().toString());
                            if (hold.statusCode() != 201) {
                                failed(failures);
                                continue;
                            }
                            String order = LoadClient.id(hold.body());
                            record(acknowledged, "hold", order, organizer, buyer);
                            HttpResponse<String> paid = LoadClient.post(http, url + "/api/v1/orders/" + order + "/pay", token,
                                    "{\"paymentMethod\":\"test_ok\"}", UUID.randomUUID().toString());
                            if (paid.statusCode() == 200) {
                                record(acknowledged, "paid", order, organizer, buyer);
                            } else {
                                failed(failures);
                            }
                        } catch (IOException e) {
                            failed(failures);
                        }
                    }
                    return null;
                });
            }
        }
        System.out.println("drill-orders: failed requests " + failures.get());
    }

    private static void record(PrintWriter acknowledged, String what, String order, int organizer, int buyer) {
        synchronized (acknowledged) {
            acknowledged.println(what + " " + System.currentTimeMillis() + " " + order + " " + organizer + " " + buyer);
        }
    }

    private static void failed(AtomicLong failures) throws InterruptedException {
        failures.incrementAndGet();
        Thread.sleep(100);
    }
}
