package io.boxoffice.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.boxoffice.support.Api;
import io.boxoffice.support.ApiTest;
import io.boxoffice.support.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code Idempotency-Key}: retries replay the first outcome, races run once, reuse is refused. */
class IdempotencyTests extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    private Api.Account buyer;
    private JsonNode event;

    @BeforeEach
    void setUp() {
        Api.Account organizer = api.signUp("ORGANIZER");
        buyer = api.signUp("ATTENDEE");
        String venueId = api.venueId(organizer.token(), "Retryton");
        event = api.publishedEvent(organizer.token(), venueId, List.of(Fixtures.ticketType("Standard", 2500, 5)));
    }

    private Map<String, Object> order(int quantity) {
        return Fixtures.order(event, quantity);
    }

    private int ordersOfEvent() {
        return jdbc.sql("select count(*) from orders where event_id = cast(:id as uuid)")
                .param("id", event.get("id").asString())
                .query(Integer.class)
                .single();
    }

    @Test
    void aRetryReturnsTheFirstOrder() {
        String key = UUID.randomUUID().toString();
        Api.Response first = api.post("/api/v1/orders", buyer.token(), order(2), "Idempotency-Key", key);
        Api.Response retry = api.post("/api/v1/orders", buyer.token(), order(2), "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(ordersOfEvent()).isEqualTo(1);

        // the key belongs to its account: another buyer's same key is another order
        String other = api.signUp("ATTENDEE").token();
        assertThat(api.post("/api/v1/orders", other, order(2), "Idempotency-Key", key)
                        .json()
                        .get("id")
                        .asString())
                .isNotEqualTo(first.json().get("id").asString());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        api.post("/api/v1/orders", buyer.token(), order(1), "Idempotency-Key", key);
        Api.Response reused = api.post("/api/v1/orders", buyer.token(), order(2), "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(ordersOfEvent()).isEqualTo(1);
    }

    @Test
    void aRefusalIsReplayedToo() {
        String key = UUID.randomUUID().toString();
        Api.Response soldOut = api.post("/api/v1/orders", buyer.token(), order(6), "Idempotency-Key", key);
        assertThat(soldOut.status()).isIn(409, 422);
        Api.Response retry = api.post("/api/v1/orders", buyer.token(), order(6), "Idempotency-Key", key);
        assertThat(retry.status()).isEqualTo(soldOut.status());
        assertThat(retry.contentType()).startsWith("application/problem+json");
        assertThat(retry.json().get("type")).isEqualTo(soldOut.json().get("type"));
    }

    @Test
    void racingRequestsWithOneKeyCreateOneOrder() throws Exception {
        String key = UUID.randomUUID().toString();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> responses = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                responses.add(executor.submit(() -> {
                    start.await();
                    return api.post("/api/v1/orders", buyer.token(), order(1), "Idempotency-Key", key);
                }));
            }
            start.countDown();
        }
        Set<String> ids = new HashSet<>();
        for (Future<Api.Response> response : responses) {
            assertThat(response.get().status()).isEqualTo(201);
            ids.add(response.get().json().get("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(ordersOfEvent()).isEqualTo(1);
    }

    @Test
    void aRetriedPaymentChargesOnce() {
        String path = "/api/v1/orders/"
                + api.post("/api/v1/orders", buyer.token(), order(2))
                        .json()
                        .get("id")
                        .asString();
        String key = UUID.randomUUID().toString();
        Api.Response paid =
                api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"), "Idempotency-Key", key);
        Api.Response retry =
                api.post(path + "/pay", buyer.token(), Map.of("paymentMethod", "test_ok"), "Idempotency-Key", key);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().get("tickets")).isEqualTo(paid.json().get("tickets"));
        assertThat(api.post(
                                path + "/pay",
                                buyer.token(),
                                Map.of("paymentMethod", "test_ok"),
                                "Idempotency-Key",
                                UUID.randomUUID().toString())
                        .status())
                .isEqualTo(409);
    }
}
