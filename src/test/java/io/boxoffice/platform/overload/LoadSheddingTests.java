package io.boxoffice.platform.overload;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A synthetic overload on one node with low shedding thresholds: 48 clients browse uncached
 * listings, event reads and search pages as fast as they can while 8 buyers place and pay for orders. Browsing
 * must be shed (503, Retry-After, problem type overloaded) and checkout must not: at least 99% of
 * the buyers' requests succeed (here: all of them, since checkout is only shed past a limit far
 * above this load).
 */
@TestPropertySource(
        properties = {
            "boxoffice.cache.enabled=false",
            "boxoffice.overload.browse-in-flight=4",
            "boxoffice.overload.other-in-flight=8",
            "boxoffice.overload.browse-pool-waiting=2",
            "boxoffice.overload.other-pool-waiting=4"
        })
class LoadSheddingTests extends ApiTest {

    private static final int BROWSERS = 48;
    private static final int BUYERS = 8;
    private static final int ORDERS_PER_BUYER = 25;

    @Test
    void browsingIsShedWhileCheckoutKeepsSucceeding() throws Exception {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Shedford");
        JsonNode event =
                api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 2500, 10_000)));
        String eventId = event.get("id").asString();
        String ticketTypeId = event.get("ticketTypes").get(0).get("id").asString();
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            buyers.add(api.signUp("ATTENDEE").token());
        }
        double criticalShedBefore = shed("critical");

        AtomicBoolean selling = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> browseStatuses = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> checkoutStatuses = new ConcurrentHashMap<>();
        AtomicInteger badShedProblems = new AtomicInteger();
        AtomicInteger pagesShed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(BROWSERS + BUYERS)) {
            List<Future<?>> browsing = new ArrayList<>();
            for (int b = 0; b < BROWSERS; b++) {
                int browser = b;
                browsing.add(pool.submit(() -> {
                    int n = 0;
                    while (selling.get()) {
                        String path = switch (n % 3) {
                            case 0 -> "/api/v1/events?q=show" + browser + "x" + n + "&city=Shedford";
                            case 1 -> "/api/v1/events/" + eventId;
                            default -> "/search?q=show" + browser + "x" + n + "&city=Shedford";
                        };
                        Api.Response response = api.get(path);
                        count(browseStatuses, response.status());
                        boolean page = !path.startsWith("/api/");
                        if (response.status() == 503 && !(page ? isShedPage(response) : isShed(response))) {
                            badShedProblems.incrementAndGet();
                        }
                        if (response.status() == 503 && page) {
                            pagesShed.incrementAndGet();
                        }
                        n++;
                    }
                }));
            }
            List<Future<?>> buying = new ArrayList<>();
            for (String buyer : buyers) {
                buying.add(pool.submit(() -> {
                    for (int i = 0; i < ORDERS_PER_BUYER; i++) {
                        Api.Response placed = api.post(
                                "/api/v1/orders",
                                buyer,
                                Fixtures.order(eventId, ticketTypeId, 1),
                                "Idempotency-Key",
                                UUID.randomUUID().toString());
                        count(checkoutStatuses, placed.status());
                        if (placed.status() != 201) {
                            continue;
                        }
                        Api.Response paid = api.post(
                                "/api/v1/orders/" + placed.json().get("id").asString() + "/pay",
                                buyer,
                                Map.of("paymentMethod", "test_ok"),
                                "Idempotency-Key",
                                UUID.randomUUID().toString());
                        count(checkoutStatuses, paid.status());
                    }
                }));
            }
            for (Future<?> done : buying) {
                done.get(5, TimeUnit.MINUTES);
            }
            selling.set(false);
            for (Future<?> done : browsing) {
                done.get(1, TimeUnit.MINUTES);
            }
        }

        // for the record in the test report: how the two kinds of traffic fared
        System.out.printf("checkout statuses %s, browse statuses %s%n", checkoutStatuses, browseStatuses);
        int checkouts =
                checkoutStatuses.values().stream().mapToInt(AtomicInteger::get).sum();
        int succeeded = get(checkoutStatuses, 201) + get(checkoutStatuses, 200);
        assertThat(checkouts).isEqualTo(2 * BUYERS * ORDERS_PER_BUYER);
        assertThat((double) succeeded / checkouts)
                .as("checkout statuses %s", checkoutStatuses)
                .isGreaterThanOrEqualTo(0.99);

        int browses =
                browseStatuses.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(get(browseStatuses, 503))
                .as("browse statuses %s", browseStatuses)
                .isPositive();
        assertThat(get(browseStatuses, 200) + get(browseStatuses, 503)).isEqualTo(browses);
        assertThat(badShedProblems.get()).isZero();
        assertThat(pagesShed.get()).as("search pages shed with a page").isPositive();

        assertThat(shed("browse")).isPositive();
        assertThat(shed("critical")).isEqualTo(criticalShedBefore);
        // every sold ticket is accounted for
        JsonNode stats = api.get("/api/v1/events/" + eventId + "/stats", organizer.token())
                .json();
        assertThat(stats.get("sold").asInt()).isEqualTo(get(checkoutStatuses, 200));
    }

    private static boolean isShed(Api.Response response) {
        return response.header("Retry-After") != null
                && response.contentType().startsWith("application/problem+json")
                && response.json().get("type").asString().endsWith("/overloaded");
    }

    /** A person is told on a page, which reloads itself after Retry-After. */
    private static boolean isShedPage(Api.Response response) {
        return response.header("Retry-After") != null
                && response.contentType().startsWith("text/html")
                && response.text().contains("One moment, please")
                && response.text().contains("http-equiv=\"refresh\"");
    }

    private static void count(Map<Integer, AtomicInteger> statuses, int status) {
        statuses.computeIfAbsent(status, ignored -> new AtomicInteger()).incrementAndGet();
    }

    private static int get(Map<Integer, AtomicInteger> statuses, int status) {
        AtomicInteger count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    private double shed(String priority) {
        String scrape = management().get("/actuator/prometheus").text();
        Matcher matcher = Pattern.compile(
                        "boxoffice_load_shed_total\\{[^}]*class=\"" + priority + "\"[^}]*} ([0-9.eE+]+)")
                .matcher(scrape);
        assertThat(matcher.find()).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
