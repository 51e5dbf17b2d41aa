package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Payments racing the expiry sweeper across the moment holds expire (the clock is moved, nothing
 * sleeps): every order ends either paid or released, never both, and the counters match the rows.
 */
class PayExpiryRaceTests extends ApiTest {

    private static final int ORDERS = 40;

    @Autowired
    private HoldSweeper sweeper;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aHoldIsEitherPaidOrReleasedNeverBoth() throws Exception {
        Api.Account organizer = api.signUp("ORGANIZER");
        String venueId = api.venueId(organizer.token(), "Raceton");
        JsonNode event =
                api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 2500, ORDERS)));
        String eventId = event.get("id").asString();
        String typeId = event.get("ticketTypes").get(0).get("id").asString();
        Api.Account buyer = api.signUp("ATTENDEE");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add(api.post("/api/v1/orders", buyer.token(), Fixtures.order(eventId, typeId, 1))
                    .json()
                    .get("id")
                    .asString());
        }

        // just before expiry: payments and sweeps start together, and the clock passes expiry meanwhile
        clock.advance(Duration.ofMinutes(10).minusMillis(200));
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean paying = new AtomicBoolean(true);
        List<Future<Integer>> payments = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < 3; s++) {
                executor.submit(() -> {
                    start.await();
                    while (paying.get()) {
                        sweeper.sweep();
                    }
                    return null;
                });
            }
            for (int i = 0; i < ORDERS; i++) {
                String id = orders.get(i);
                boolean advances = i == ORDERS / 2;
                payments.add(executor.submit(() -> {
                    start.await();
                    if (advances) {
                        clock.advance(Duration.ofSeconds(1));
                    }
                    return api.post("/api/v1/orders/" + id + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"))
                            .status();
                }));
            }
            start.countDown();
            for (Future<Integer> payment : payments) {
                payment.get();
            }
            paying.set(false);
        }
        sweeper.sweep();

        int paid = 0;
        int expired = 0;
        for (Future<Integer> payment : payments) {
            int status = payment.get();
            assertThat(status).isIn(200, 410);
            paid += status == 200 ? 1 : 0;
            expired += status == 410 ? 1 : 0;
        }
        Map<String, Object> rows = jdbc.sql("""
                        select count(*) filter (where status = 'CONFIRMED') as confirmed,
                               count(*) filter (where status = 'EXPIRED') as expired,
                               count(*) filter (where status = 'PENDING') as pending
                          from orders where event_id = cast(:id as uuid)
                        """).param("id", eventId).query().singleRow();
        Map<String, Object> counters = jdbc.sql("select held, sold from ticket_type where id = cast(:id as uuid)")
                .param("id", typeId)
                .query()
                .singleRow();
        assertThat(((Number) rows.get("confirmed")).intValue()).isEqualTo(paid);
        assertThat(((Number) rows.get("expired")).intValue()).isEqualTo(expired);
        assertThat(((Number) rows.get("pending")).intValue()).isZero();
        assertThat(((Number) counters.get("sold")).intValue()).isEqualTo(paid);
        assertThat(((Number) counters.get("held")).intValue()).isZero();
        int tickets = jdbc.sql("select count(*) from ticket where event_id = cast(:id as uuid)")
                .param("id", eventId)
                .query(Integer.class)
                .single();
        assertThat(tickets).isEqualTo(paid);
    }
}
